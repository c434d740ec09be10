-- Opens the file named by $REGIMEN_LSP_FILE in headless Neovim, with the configuration snippet
-- from docs/editors.md as init.lua, waits for the language server's diagnostics, and writes them
-- as JSON to $REGIMEN_LSP_RESULT. LanguageServerClientTests.swift runs it.
local file = os.getenv("REGIMEN_LSP_FILE")
local result = os.getenv("REGIMEN_LSP_RESULT")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local found = vim.wait(60000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(out, {
    lnum = d.lnum,
    col = d.col,
    message = d.message,
    source = d.source,
    code = d.code or lsp.code,
  })
end
local clients = {}
for _, client in pairs(vim.lsp.buf_get_clients(0)) do
  table.insert(clients, client.name)
end
vim.fn.writefile({ vim.fn.json_encode({ found = found, diagnostics = out, clients = clients }) }, result)
vim.cmd("qa!")
