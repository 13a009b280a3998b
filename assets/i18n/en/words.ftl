# Words of merit's own that people read in panes and tables (issue 40): a
# rule's window, and the kinds of ledger postings. Every id is also in
# zh-CN/words.ftl. CSV and JSON keep the stored English words.

window-from = { $from } to …
window-to = … to { $to }
window-from-to = { $from } to { $to }
posting-redemption = redemption
posting-expiry = expiry
flag-true = true
flag-false = false
