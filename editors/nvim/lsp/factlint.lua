-- Neovim 0.11+ reads this file from the runtimepath, so with the plugin installed
-- `vim.lsp.enable('factlint')` works without setup(). setup() adds to it.
return {
  cmd = { 'factlint', 'lsp' },
  filetypes = { 'markdown' },
  root_markers = { 'factlint.toml', '.git' },
}
