-- :PassimSearch {query}: the hits of the passim daemon in the quickfix list (lua/passim.lua).
if vim.g.loaded_passim then return end
vim.g.loaded_passim = 1

vim.api.nvim_create_user_command('PassimSearch', function(command)
  require('passim').search(command.args)
end, { nargs = '+', desc = 'Search the Passim index into the quickfix list' })
