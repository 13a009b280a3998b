# What merit says about bad input (issue 40): where it sits (a file, its
# line, a field) and what is wrong with it — imports (CSV, CRM exports,
# workbooks, encodings), values (numbers, dates, codes, periods, limits)
# and the usage errors of the commands that take them. Ids named by the
# core's `msg!` (domain/input.rs, domain/, ops/import, ops/crm, …).

## Where: the English keeps `file:line: field: ` as scripts read it

input-at = { $file }:{ $line }: { $field }: { $problem }
input-at-line = { $file }:{ $line }: { $problem }
input-in-file = { $file }: { $problem }
input-field = { $field }: { $problem }
input-field-from-column = { $field } ({ $column })
input-foreign = { $error }

## Values

value-empty = is empty
value-too-long = is longer than { $max } characters
value-not-utf8 = not valid UTF-8
value-nul-byte = contains a NUL byte
value-not-a-date = '{ $value }' is not a date (YYYY-MM-DD)
value-not-a-crm-date = '{ $value }' is not a date (2026-03-05, 2026/3/5, 2026.3.5 or 2026年3月5日)
value-not-a-calendar-date = '{ $value }' is not a calendar date
value-outside-years = '{ $value }' is outside the years { $first } to { $last }
value-is-before = is before { $key }
value-not-a-number = '{ $value }' is not a number
value-not-a-number-in-range = '{ $value }' is not a number in range
value-not-an-amount = '{ $value }' is not an amount
value-too-large = '{ $value }' is too large (at most { $max })
value-more-than-2-decimals = '{ $value }' has more than 2 decimal places
value-more-than-n-decimals = '{ $value }' has more than { $n } decimal places
value-must-be-more-than-0 = '{ $value }' must be more than 0
value-must-be-at-most = '{ $value }' must be at most { $max }
value-must-be-greater-than-0 = must be greater than 0
value-must-not-be-negative = must not be negative
value-must-not-be-negative-named = '{ $value }' must not be negative
value-must-not-be-0 = must not be 0
value-must-not-be-empty = must not be empty
value-product-out-of-range = { $a } × { $b } is out of range
value-cost-out-of-range = { $qty } × { $cost } points is out of range
value-qty-at-least-1 = must be a whole number of at least 1
value-not-true-or-false = '{ $value }' is not true or false
value-no-week-53 = '{ $value }' is not a period: { $year } has 52 ISO weeks
value-not-a-stock = '{ $value }' is not a whole number from 0 to 1000000000 (empty: unlimited)
value-not-a-limit = '{ $value }' is not a whole number from 1 to 1000000000 (empty: no limit)
value-empty-say-period = is empty: say month, quarter or year
value-needs-limit-qty = needs a limit_qty
value-not-a-period-kind = '{ $value }' is not month, quarter or year
value-not-a-target-period = '{ $value }' is not a period (2026-03, 2026-Q1 or 2026)
value-not-a-period = '{ $value }' is not a period: use a week (2026-W48), a month (2026-03), a quarter (2026-Q1) or a year (2026)
value-not-a-period-like = '{ $value }' is not a period: did you mean { $like }?
code-invisible-character = '{ $value }' holds an invisible character (U+{ $code }): a code must show all it is
code-not-a-code = '{ $value }' is not a code (no spaces, at most { $max } characters)
code-starts-with-dash = '{ $value }' starts with '-': it would read as an option on the command line
value-unknown-member = unknown member '{ $member }'
value-unknown-member-like = unknown member '{ $member }': did you mean { $like } ({ $name })?
value-member-not-active = '{ $member }' is not active
value-unknown-reward = unknown reward '{ $reward }'
value-no-award = no award { $award }
value-no-redemption = no redemption { $redemption }
value-type-member = type part of a code or name
value-actor-hidden = the actor name '{ $actor }' holds control or hidden characters; use a plain name

## What a command needs

award-field-member = member
award-field-points = points
award-field-date = date
award-field-category = category
award-field-reason = reason
award-needs-reason = a manual award needs a reason
award-not-written = could not write the award; try again
dispute-needs-reason = a dispute and its rejection need a reason
dispute-correction-only-accepted = only an accepted dispute makes a correction
reject-needs-reason = a rejection needs a reason (--reason TEXT)
reopen-needs-reason = reopening a period needs a reason (--reason TEXT)
expire-after-today = { $as_of } is after today ({ $today }): points that have not expired yet are never expired
payroll-not-closed = { $period } is not closed: its payroll may still change (merit close { $period } first)

## Files and CSV imports

file-cannot-read = cannot read: { $error }
file-not-found = no such file
file-permission-denied = permission denied
file-is-a-directory = it is a directory, not a file
file-or-folder-not-found = no such file or folder
file-disk-full = the disk is full
file-read-only-system = the file system is read-only
file-too-large-for-rules = larger than { $mib } MiB: not a rules file?
file-too-large = larger than { $mib } MiB: is it the right file?
import-nothing-imported = { $file }: nothing was imported
import-file-empty = the file is empty (a header row is required)
import-header-but-no-rows = the file has a header but no rows
import-more-problems = … and { $count } more problems
import-cannot-read-header = cannot read the header: { $problem }
import-line-too-long = a line is longer than 1 MiB (is this a CSV file?)
import-not-csv = not valid CSV
import-column-number = column { $n }
import-column-missing = column is missing
import-column-twice = column appears twice
import-cells-count = has { $cells } cells, the header has { $header }
import-line-split-by-cr = a carriage return splits the line: put the cell holding it in quotes, or remove it
import-key-twice = '{ $key }' appears twice in the file (first on line { $first })
import-unknown-member = unknown member '{ $member }' (import members first)

## CRM exports: encodings, column maps, workbooks

import-gbk-or-utf8 = { $file } looks like GBK or UTF-8: say --encoding
import-unknown-encoding = '{ $value }' is not utf-8, utf-16, gbk or gb18030
import-not-valid-encoding = not valid { $encoding }
import-not-a-workbook = { $file } is not a workbook
import-map-no-table = no [import.{ $kind }] table
import-map-not-a-field = '{ $field }' is not a field of { $kind } ({ $fields })
import-map-both = '{ $field }' is given both a column ('{ $column }') and a constant ('{ $constant }'); keep one
import-no-column = no column '{ $column }' for { $field } (the columns are: { $columns })
import-no-column-for-attribute = no column '{ $column }' for attribute { $attribute }
import-not-a-day-number = { $value } is not a day number of a date
import-not-a-mapped-kind = '{ $value }' is not one of the map's kinds ({ $kinds })
import-no-room = no room to translate it: { $error }
import-cannot-keep-translation = cannot keep its translation: { $error }
workbook-cannot-read = cannot read the workbook: { $error }
workbook-no-such-sheet = no sheet '{ $sheet }' (sheets: { $sheets })
workbook-no-sheet = the workbook has no sheet
workbook-sheet = sheet '{ $sheet }': { $problem }
workbook-part = part { $part }: { $problem }
workbook-cannot-unpack = cannot unpack: { $error }
workbook-formula-without-value = { $cell }: a formula without a value; save the workbook in Excel first

## Workbooks in bounded memory (issue 38)

workbook-part-too-large = { $part } unpacks to { $bytes } bytes: merit reads at most { $max } bytes of such a part
workbook-part-past = { $part } unpacks past { $max } bytes: merit reads at most { $max } bytes of such a part
workbook-part-ratio = { $part } unpacks to { $times } times its packed size: merit reads at most { $max }:1
workbook-part-past-ratio = { $part } unpacks to more than { $max } times its packed size: merit reads at most { $max }:1
workbook-text-run = { $part } holds a text of more than { $max } bytes: merit reads at most { $max }
workbook-too-many-strings = { $part } declares { $strings } strings in { $bytes } bytes: merit reads at most one string per 16 bytes
workbook-sheet-too-many-cells = the sheet holds more than { $max } cells: merit reads at most { $max }
workbook-ods-too-many-cells = content.xml spells out more than { $max } cells: merit reads at most { $max }
workbook-xls-too-many-cells = its sheets span more than { $max } cells: merit reads at most { $max }
