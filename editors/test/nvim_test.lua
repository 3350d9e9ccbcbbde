-- Headless end-to-end test of editors/nvim with a real Neovim and a real `factlint lsp`.
-- Works on Neovim 0.7.2 and 0.11 (no API newer than 0.7 unless guarded). run.sh runs it
-- three ways (see FACTLINT_SETUP below):
--
--   FACTLINT_SETUP=init nvim --headless -u editors/test/nvim_test.lua -i NONE -n BRIEF
--   FACTLINT_SETUP=startup nvim --headless -u NONE -i NONE -n --cmd 'filetype on' BRIEF \
--     -c 'luafile editors/test/nvim_test.lua'
--   FACTLINT_SETUP=late nvim --headless -u NONE -i NONE -n -c 'luafile editors/test/nvim_test.lua'
--
-- with FACTLINT_BIN=/path/to/factlint, FACTLINT_PROJECT=/tmp/project, BRIEF its
-- briefs/wrong-figures.md, and FACTLINT_METHOD=auto|enable|start|start_client, or
-- native (0.11: vim.lsp.enable('factlint') with no setup(), `factlint` found on PATH).
-- FACTLINT_PROJECT holds factlint.toml (corpus = ["seeds"]), seeds/ and
-- briefs/wrong-figures.md (a copy of examples/briefs/wrong-figures.md); run.sh makes it.
-- Exits 0 when every check passed, 1 otherwise.

local bin = assert(os.getenv('FACTLINT_BIN'), 'FACTLINT_BIN is not set')
local project = assert(os.getenv('FACTLINT_PROJECT'), 'FACTLINT_PROJECT is not set')
local method = os.getenv('FACTLINT_METHOD') or 'auto'
-- When setup() runs (FACTLINT_SETUP):
--   init:    this file is init.lua; the brief is on the command line (the README's way);
--   startup: `nvim brief.md -c 'luafile this'`: the brief is loaded, Neovim has not
--            entered yet (vim.v.vim_did_enter is 0);
--   late:    after startup, the brief is opened, then setup() runs (as a plugin manager
--            that loads the plugin on FileType markdown does).
-- The checks run after VimEnter in every case.
local mode = os.getenv('FACTLINT_SETUP') or 'late'
local timeout = tonumber(os.getenv('FACTLINT_TIMEOUT_MS') or '60000')
-- The 1-based lines `factlint check` flags FL001 on (editors/test/run.sh computes them).
local expect_lines = {}
for n in assert(os.getenv('FACTLINT_EXPECT_FL001'), 'FACTLINT_EXPECT_FL001 is not set'):gmatch('%d+') do
  expect_lines[#expect_lines + 1] = tonumber(n)
end

local version = vim.version()
local tag = ('nvim %d.%d.%d/%s/%s'):format(version.major, version.minor, version.patch, method, mode)
local checks = 0

local function log(fmt, ...)
  io.stderr:write(('[%s] ' .. fmt .. '\n'):format(tag, ...))
end

local function ok(cond, what, detail)
  if not cond then
    error(('%s%s'):format(what, detail and (': ' .. detail) or ''), 0)
  end
  checks = checks + 1
  log('ok %d - %s', checks, what)
end

local function eq(got, want, what)
  ok(vim.deep_equal(got, want), what, ('got %s, want %s'):format(vim.inspect(got), vim.inspect(want)))
end

local function contains(haystack, needle, what)
  ok(type(haystack) == 'string' and haystack:find(needle, 1, true) ~= nil, what,
    ('%q not in %s'):format(needle, vim.inspect(haystack)))
end

local function wait(what, cond)
  local t0 = vim.loop.hrtime()
  local done = vim.wait(timeout, cond, 20)
  ok(done, what, ('not within %d ms'):format(timeout))
  return (vim.loop.hrtime() - t0) / 1e6
end

local function buf_clients(buf)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = buf })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end

-- The LSP diagnostic behind a vim.diagnostic item (0.7 keeps it in user_data.lsp).
local function lsp_code(d)
  if d.code ~= nil then
    return d.code
  end
  return d.user_data and d.user_data.lsp and d.user_data.lsp.code
end

-- Text of the brief's own diagnostics, keyed "line:col".
local function diagnostics(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out[('%d:%d'):format(d.lnum, d.col)] = d
  end
  return out
end

local function count(t)
  local n = 0
  for _ in pairs(t) do
    n = n + 1
  end
  return n
end

local function floating_windows()
  local wins = {}
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      table.insert(wins, win)
    end
  end
  return wins
end

local path = project .. '/briefs/wrong-figures.md'

-- The README's setup: the plugin's folder on the runtime path, then setup().
local function setup()
  local here = debug.getinfo(1, 'S').source:sub(2)
  local plugin = vim.fn.fnamemodify(here, ':p:h:h') .. '/nvim'
  vim.opt.runtimepath:append(plugin)
  local settings = { factlint = { debounce = 50, severity = { FL002 = 'information' } } }
  if method == 'native' then
    -- Neovim 0.11 with no setup(): lsp/factlint.lua on the runtime path gives cmd
    -- (`factlint` from PATH), filetypes and root_markers, as the README says.
    vim.lsp.config('factlint', { settings = settings })
    vim.lsp.enable('factlint')
    return
  end
  require('factlint').setup({ cmd = { bin, 'lsp' }, method = method, settings = settings })
end

local function run()
  if mode == 'late' then
    vim.cmd('filetype on')
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    setup()
  end
  log('setup() ran: %s', mode)
  local factlint = require('factlint')
  log('setup() took the %s path', tostring(factlint.method))
  if method == 'native' then
    eq(vim.fn.exepath('factlint'), vim.fn.exepath(bin), 'the factlint on PATH is the one under test')
  elseif method == 'auto' then
    local want = (version.minor >= 11 or version.major > 0) and 'enable'
      or (vim.lsp.start and 'start' or 'start_client')
    eq(factlint.method, want, 'setup() picks the API for this version')
  end

  local buf = vim.api.nvim_get_current_buf()
  eq(vim.loop.fs_realpath(vim.api.nvim_buf_get_name(buf)), vim.loop.fs_realpath(path), 'the brief is the current buffer')
  eq(vim.bo[buf].filetype, 'markdown', 'the brief is a markdown buffer')

  wait('a factlint client attaches to the brief', function()
    return #buf_clients(buf) > 0
  end)
  local client = buf_clients(buf)[1]
  eq(client.name, 'factlint', 'the client is named factlint')
  vim.wait(200, function()
    return false
  end) -- a second client would show up now
  local all = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
  eq({ #buf_clients(buf), #all }, { 1, 1 }, 'one factlint client, attached once')
  local root = vim.loop.fs_realpath(project)
  eq(vim.loop.fs_realpath(client.config.root_dir), root, 'root_dir is the folder with factlint.toml')
  log('offset encoding: %s', tostring(client.offset_encoding))

  -- 1. Diagnostics: the planted wrong year on line 10, "arrested in 2011".
  local took = wait('diagnostics arrive', function()
    return diagnostics(buf)['9:28'] ~= nil
  end)
  log('first diagnostics after %.0f ms', took)
  wait(('all %d FL001 warnings arrive'):format(#expect_lines), function()
    local n = 0
    for _, x in pairs(diagnostics(buf)) do
      if lsp_code(x) == 'FL001' then
        n = n + 1
      end
    end
    return n >= #expect_lines
  end)
  local before = diagnostics(buf)
  local d = before['9:28']
  eq(d.message,
    'brief says 2011; "Vladimir Putin Seeks Better Relationship Between Russia and North Korea" '
      .. '(seeds/000_53df021868668736.txt:7) says 2012',
    'the FL001 message on line 10')
  eq({ d.lnum, d.col, d.end_lnum, d.end_col }, { 9, 28, 9, 32 }, 'the range is "2011" on line 10 (0-based 9:28-9:32)')
  eq(d.severity, vim.diagnostic.severity.WARN, 'severity warning')
  eq(d.source, 'factlint', 'source factlint')
  eq(lsp_code(d), 'FL001', 'code FL001')
  local fl001 = {}
  for _, x in pairs(before) do
    if lsp_code(x) == 'FL001' then
      fl001[#fl001 + 1] = x.lnum + 1
    end
  end
  table.sort(fl001)
  local fl002 = {}
  for _, x in pairs(before) do
    if lsp_code(x) == 'FL002' then
      fl002[x.severity] = true
    end
  end
  eq(fl002, { [vim.diagnostic.severity.INFO] = true }, 'settings are applied (FL002 shown as information, not a hint)')
  eq(fl001, expect_lines, 'the FL001 warnings are on the lines `factlint check` flags')

  -- 2. Hover on the figure, the way a user does it: cursor on "2011", vim.lsp.buf.hover().
  vim.api.nvim_win_set_cursor(0, { 10, 30 })
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 9, character = 30 },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout)
  local hover
  for _, r in pairs(responses or {}) do
    hover = hover or (r.result and r.result.contents)
  end
  ok(type(hover) == 'table' and hover.kind == 'markdown', 'the hover is Markdown')
  contains(hover.value, 'Bae was arrested in **2012** and sentenced to 15 years of hard labor.',
    'the hover quotes the source sentence with the figure in bold')
  contains(hover.value, 'Vladimir Putin Seeks Better Relationship Between Russia and North Korea',
    "the hover names the source's title")
  contains(hover.value, '000\\_53df021868668736.txt:7', 'the hover gives the path:line')

  vim.lsp.buf.hover()
  local float_text
  wait('vim.lsp.buf.hover() opens a floating window', function()
    for _, win in ipairs(floating_windows()) do
      local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
      float_text = table.concat(lines, '\n')
      if float_text:find('2012', 1, true) then
        return true
      end
    end
    return false
  end)
  contains(float_text, 'Bae was arrested in', 'the hover window shows the citation')
  for _, win in ipairs(floating_windows()) do
    vim.api.nvim_win_close(win, true)
  end

  -- 3. The quick fix, the way a user does it: vim.lsp.buf.code_action() and a choice in
  --    vim.ui.select().
  vim.api.nvim_win_set_cursor(0, { 10, 30 })
  local offered, chosen
  local select = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    local pick
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(offered, title)
      if pick == nil and title:find("^Replace with the source's value") then
        pick = i
      end
    end
    chosen = pick and offered[pick]
    on_choice(pick and items[pick], pick)
  end
  vim.lsp.buf.code_action()
  wait('code actions are offered', function()
    return offered ~= nil
  end)
  vim.ui.select = select
  log('offered: %s', table.concat(offered, ' | '))
  eq(chosen, "Replace with the source's value (2012)", 'the quick fix is offered')
  local titles = table.concat(offered, '\n')
  contains(titles, 'Add a citation', 'the citation action is offered')
  contains(titles, 'Ignore on this line', 'the suppression action is offered')

  wait('the quick fix edits the buffer', function()
    return vim.api.nvim_buf_get_lines(buf, 9, 10, false)[1]:find('arrested in 2012', 1, true) ~= nil
  end)
  eq(vim.api.nvim_buf_get_lines(buf, 9, 10, false)[1],
    'Kenneth Bae was arrested in 2012 and sentenced to 15 years of hard labor.',
    'line 10 now says 2012')
  wait('the diagnostic on line 10 goes away', function()
    local now = diagnostics(buf)
    for _, x in pairs(now) do
      if x.lnum == 9 then
        return false
      end
    end
    return count(now) == count(before) - 1
  end)
  local after = diagnostics(buf)
  for key, x in pairs(before) do
    if key ~= '9:28' then
      ok(after[key] ~= nil and after[key].message == x.message, 'kept: ' .. key .. ' ' .. x.message)
    end
  end
end

local function main()
  local good, err = xpcall(run, debug.traceback)
  if good then
    io.stderr:write(('[%s] PASS: %d checks\n'):format(tag, checks))
    vim.cmd('qall!')
  else
    io.stderr:write(('[%s] FAIL after %d checks: %s\n'):format(tag, checks, tostring(err)))
    vim.cmd('cquit 1')
  end
end

if mode == 'init' or mode == 'startup' then
  local good, err = pcall(setup)
  if not good then
    io.stderr:write(('[%s] FAIL: setup() at startup: %s\n'):format(tag, tostring(err)))
    vim.cmd('cquit 1')
  end
end
if vim.v.vim_did_enter == 1 then
  main()
else
  vim.api.nvim_create_autocmd('VimEnter', { once = true, callback = function()
    vim.schedule(main)
  end })
end
