-- Neovim's built-in LSP client attached to `citelint server` on one
-- document; the diagnostics it receives are written to a file, one a line:
-- `lnum:col-end_lnum:end_col severity code source first-line-of-message`
-- (lines and byte columns 0-based, as vim.diagnostic holds them).
-- Run by tests/integration/neovim.rs with CITELINT_BIN, CITELINT_DOC and
-- CITELINT_OUT set.
local bin = os.getenv("CITELINT_BIN")
local doc = os.getenv("CITELINT_DOC")
local out = os.getenv("CITELINT_OUT")

vim.cmd("edit " .. vim.fn.fnameescape(doc))
local buf = vim.api.nvim_get_current_buf()
local config = {
  name = "citelint",
  cmd = { bin, "server" },
  root_dir = vim.fn.fnamemodify(doc, ":h"),
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  -- Neovim 0.7 (Debian 12) has no vim.lsp.start yet
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, client_id)
end

local got = vim.wait(30000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)

local lines = {}
if not got then
  table.insert(lines, "TIMEOUT no diagnostics received")
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local message = d.message:gsub("\n.*", "")
  table.insert(lines, string.format("%d:%d-%d:%d %d %s %s %s",
    d.lnum, d.col, d.end_lnum, d.end_col, d.severity,
    tostring(d.code), tostring(d.source), message))
end
table.sort(lines)
vim.fn.writefile(lines, out)

vim.lsp.stop_client(client_id)
vim.wait(5000, function()
  return vim.lsp.get_client_by_id(client_id) == nil
end, 50)
vim.cmd("qa!")
