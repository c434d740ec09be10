import RegimenCLI

RegimenCommand.main()
