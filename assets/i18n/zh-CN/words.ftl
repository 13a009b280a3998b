# 面板和表格中的 merit 用语（issue 40）：规则的有效期、流水的种类。
# 每个 id 也在 en/words.ftl 中。用词见 GLOSSARY.md。

window-from = { $from } 起
window-to = 至 { $to }
window-from-to = { $from } 至 { $to }
posting-redemption = 兑换
posting-expiry = 过期
flag-true = 是
flag-false = 否
