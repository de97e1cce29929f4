-- :PassimSearch {query}: the hits of the passim daemon in the quickfix list (lua/passim.lua).
-- :PassimPick [query]: a floating picker that searches as you type (lua/passim/picker.lua).
if vim.g.loaded_passim then return end
vim.g.loaded_passim = 1

vim.api.nvim_create_user_command('PassimSearch', function(command)
  require('passim').search(command.args)
end, { nargs = '+', desc = 'Search the Passim index into the quickfix list' })

vim.api.nvim_create_user_command('PassimPick', function(command)
  require('passim.picker').open(command.args)
end, { nargs = '*', desc = 'Search the Passim index as you type' })
