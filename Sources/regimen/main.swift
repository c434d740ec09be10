import RegimenCLI

await RegimenCommand.main()
