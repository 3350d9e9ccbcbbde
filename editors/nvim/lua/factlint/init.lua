-- factlint for Neovim: starts the factlint language server (`factlint lsp`) on Markdown
-- buffers. Diagnostics, hover, go to definition and code actions then come from Neovim's
-- own LSP client.
--
--   require('factlint').setup()
--
-- Neovim 0.11+ registers the server with vim.lsp.config() and vim.lsp.enable().
-- Neovim 0.8-0.10 starts it with vim.lsp.start() on each Markdown buffer.
-- Neovim 0.7 starts it with vim.lsp.start_client() and attaches buffers with
-- vim.lsp.buf_attach_client(), one client per root folder.

local M = {}

M.name = 'factlint'

M.defaults = {
  -- The command that runs the server. Use an absolute path if `factlint` is not on PATH.
  cmd = { 'factlint', 'lsp' },
  filetypes = { 'markdown' },
  -- The root folder: the nearest folder above the file with a factlint.toml, else the
  -- nearest with a .git, else the file's own folder.
  root_markers = { 'factlint.toml', '.git' },
  -- Server settings, e.g. { factlint = { debounce = 150, unverified = false } }.
  -- They are sent as initializationOptions and answered to workspace/configuration.
  settings = {},
  on_attach = nil,
  capabilities = nil,
  -- 'auto' picks the API by version. 'enable' (0.11+), 'start' (0.8+) and
  -- 'start_client' (0.7+) force one; they are for testing and troubleshooting.
  method = 'auto',
}

-- The options of the last setup() call.
M.options = nil

local uv = vim.uv or vim.loop

local function has(version)
  return vim.fn.has('nvim-' .. version) == 1
end

local function pick_method(method)
  if method ~= 'auto' then
    return method
  end
  if has('0.11') and vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
    return 'enable'
  elseif vim.lsp.start ~= nil then
    return 'start'
  end
  return 'start_client'
end

-- An empty Lua table is a JSON array; the server wants an object (or nothing).
local function settings_or_nil(settings)
  if settings == nil or next(settings) == nil then
    return nil
  end
  return settings
end

-- The first marker wins: a factlint.toml anywhere above the file beats a .git nearer
-- to it (the same rule as vim.fs.root() with a list of markers).
function M.find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  for _, marker in ipairs(markers) do
    local d = dir
    while d ~= nil and d ~= '' do
      if uv.fs_stat(d .. '/' .. marker) then
        return d
      end
      local parent = vim.fn.fnamemodify(d, ':h')
      if parent == d then
        break
      end
      d = parent
    end
  end
  return nil
end

-- The client configuration for a root folder (the 0.7-0.10 paths).
local function client_config(opts, root)
  local settings = settings_or_nil(opts.settings)
  return {
    name = M.name,
    cmd = opts.cmd,
    root_dir = root,
    settings = settings or {},
    init_options = settings,
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }
end

-- Root folder -> client id, for the 0.7 path (vim.lsp.start() does this itself).
local clients = {}

local function attach(bufnr, opts, method)
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return
  end
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' then
    return
  end
  local root = M.find_root(path, opts.root_markers) or vim.fn.fnamemodify(path, ':p:h')
  local config = client_config(opts, root)
  if method == 'start' then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  local id = clients[root]
  if id ~= nil and (vim.lsp.get_client_by_id(id) == nil or vim.lsp.client_is_stopped(id)) then
    id = nil
  end
  if id == nil then
    id = vim.lsp.start_client(config)
    if id == nil then
      return
    end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

local warned = false

local function check_cmd(cmd)
  if warned or type(cmd) ~= 'table' or vim.fn.executable(cmd[1]) == 1 then
    return
  end
  warned = true
  vim.notify(
    ('factlint: %q is not executable. Install it with `cargo install --path .` in the '
      .. 'factlint repository, or pass cmd = { "/path/to/factlint", "lsp" } to setup().'):format(cmd[1]),
    vim.log.levels.WARN
  )
end

local known = { on_attach = true, capabilities = true }
for k in pairs(M.defaults) do
  known[k] = true
end

local methods = {
  enable = function()
    return vim.lsp.config ~= nil and vim.lsp.enable ~= nil
  end,
  start = function()
    return vim.lsp.start ~= nil
  end,
  start_client = function()
    return vim.lsp.start_client ~= nil
  end,
}

--- Starts factlint on Markdown buffers.
--- @param opts table|nil overrides of M.defaults (each replaces the default whole)
function M.setup(opts)
  local o = vim.deepcopy(M.defaults)
  for k, v in pairs(opts or {}) do
    if not known[k] then
      vim.notify(('factlint: unknown option %q in setup()'):format(tostring(k)), vim.log.levels.WARN)
    end
    o[k] = v
  end
  opts = o
  M.options = opts
  check_cmd(opts.cmd)
  local method = pick_method(opts.method)
  if methods[method] == nil or not methods[method]() then
    error(('factlint: method %q is not available in this Neovim'):format(tostring(method)))
  end
  M.method = method

  if method == 'enable' then
    local settings = settings_or_nil(opts.settings)
    vim.lsp.config(M.name, {
      cmd = opts.cmd,
      filetypes = opts.filetypes,
      root_markers = opts.root_markers,
      settings = settings,
      init_options = settings,
      on_attach = opts.on_attach,
      capabilities = opts.capabilities,
    })
    vim.lsp.enable(M.name)
    -- vim.lsp.enable() attaches to buffers already open only once Neovim has entered;
    -- before that (setup() from `-c`, with the file already loaded) it leaves them
    -- alone. Enabling again at VimEnter attaches them; it is a no-op for the others.
    if vim.v.vim_did_enter ~= 1 then
      vim.api.nvim_create_autocmd('VimEnter', {
        group = vim.api.nvim_create_augroup('factlint', { clear = true }),
        once = true,
        callback = function()
          if vim.lsp.is_enabled == nil or vim.lsp.is_enabled(M.name) then
            vim.lsp.enable(M.name)
          end
        end,
      })
    end
    return
  end

  local group = vim.api.nvim_create_augroup('factlint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      attach(args.buf, opts, method)
    end,
  })
  -- Buffers that were already open.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      attach(bufnr, opts, method)
    end
  end
end

return M
