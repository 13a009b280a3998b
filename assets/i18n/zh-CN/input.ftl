# merit 对错误输入的说明（issue 40）：出错的位置（文件、行、字段）和问题——
# 导入（CSV、CRM 导出、工作簿、编码）、各种值（数字、日期、代码、周期、
# 限额），以及使用这些值的命令的用法错误。

## 位置：文件:行: 字段: 保持半角，与英文一致，便于脚本和编辑器定位

input-at = { $file }:{ $line }: { $field }: { $problem }
input-at-line = { $file }:{ $line }: { $problem }
input-in-file = { $file }: { $problem }
input-field = { $field }：{ $problem }
input-field-from-column = { $field }（{ $column }）
input-foreign = { $error }

## 值

value-empty = 为空
value-too-long = 超过 { $max } 个字符
value-not-utf8 = 不是有效的 UTF-8
value-nul-byte = 含有 NUL 字节
value-not-a-date = “{ $value }”不是日期（YYYY-MM-DD）
value-not-a-crm-date = “{ $value }”不是日期（2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日）
value-not-a-calendar-date = “{ $value }”不是有效的日期
value-outside-years = “{ $value }”不在 { $first } 到 { $last } 年之间
value-is-before = 早于 { $key }
value-not-a-number = “{ $value }”不是数字
value-not-a-number-in-range = “{ $value }”不是范围内的数字
value-not-an-amount = “{ $value }”不是金额
value-too-large = “{ $value }”太大（最多 { $max }）
value-more-than-2-decimals = “{ $value }”超过两位小数
value-more-than-n-decimals = “{ $value }”超过 { $n } 位小数
value-must-be-more-than-0 = “{ $value }”必须大于 0
value-must-be-at-most = “{ $value }”最多为 { $max }
value-must-be-greater-than-0 = 必须大于 0
value-must-not-be-negative = 不能为负数
value-must-not-be-negative-named = “{ $value }”不能为负数
value-must-not-be-0 = 不能为 0
value-must-not-be-empty = 不能为空
value-product-out-of-range = { $a } × { $b } 超出范围
value-cost-out-of-range = { $qty } × { $cost } 分超出范围
value-qty-at-least-1 = 必须是不小于 1 的整数
value-not-true-or-false = “{ $value }”不是 true 或 false
value-no-week-53 = “{ $value }”不是周期：{ $year } 年只有 52 周
value-not-a-stock = “{ $value }”不是 0 到 1000000000 之间的整数（留空：不限）
value-not-a-limit = “{ $value }”不是 1 到 1000000000 之间的整数（留空：不限）
value-empty-say-period = 为空：请填 month、quarter 或 year
value-needs-limit-qty = 需要同时填写 limit_qty
value-not-a-period-kind = “{ $value }”不是 month、quarter 或 year
value-not-a-target-period = “{ $value }”不是周期（2026-03、2026-Q1 或 2026）
value-not-a-period = “{ $value }”不是周期：请用周（2026-W48）、月（2026-03）、季度（2026-Q1）或年（2026）
value-not-a-period-like = “{ $value }”不是周期：是不是 { $like }？
code-invisible-character = “{ $value }”含有不可见字符（U+{ $code }）：代码必须完整可见
code-not-a-code = “{ $value }”不是有效代码（不含空格，最多 { $max } 个字符）
code-starts-with-dash = “{ $value }”以“-”开头：在命令行上会被当作选项
value-unknown-member = 没有成员“{ $member }”
value-unknown-member-like = 没有成员“{ $member }”：是不是 { $like }（{ $name }）？
value-member-not-active = 成员“{ $member }”已停用
value-unknown-reward = 没有奖品“{ $reward }”
value-no-award = 没有积分 { $award }
value-no-redemption = 没有兑换申请 { $redemption }
value-type-member = 输入代码或姓名的一部分
value-actor-hidden = 操作人名称“{ $actor }”含有控制字符或隐藏字符；请使用普通名称

## 命令需要的

award-field-member = 成员
award-field-points = 积分
award-field-date = 日期
award-field-category = 类别
award-field-reason = 原因
award-needs-reason = 手动积分需要填写原因
award-not-written = 积分未能写入；请重试
dispute-needs-reason = 提出申诉和驳回申诉都需要填写原因
dispute-correction-only-accepted = 只有接受申诉时才能更正积分
reject-needs-reason = 驳回需要填写原因（--reason 原因）
reopen-needs-reason = 重新打开周期需要填写原因（--reason 原因）
expire-after-today = { $as_of } 在今天（{ $today }）之后：尚未到期的积分不会记为过期
payroll-not-closed = { $period } 尚未结账：其薪酬数据仍可能变化（请先 merit close { $period }）

## 文件与 CSV 导入

file-cannot-read = 无法读取：{ $error }
file-not-found = 没有这个文件
file-permission-denied = 没有权限
file-is-a-directory = 这是目录，不是文件
file-or-folder-not-found = 没有这个文件或文件夹
file-disk-full = 磁盘已满
file-read-only-system = 文件系统是只读的
file-too-large-for-rules = 大于 { $mib } MiB：这不是规则文件吧？
file-too-large = 大于 { $mib } MiB：文件选对了吗？
import-nothing-imported = { $file }: 未导入任何内容
import-file-empty = 文件为空（需要表头行）
import-header-but-no-rows = 文件只有表头，没有数据行
import-more-problems = …… 另有 { $count } 个问题
import-cannot-read-header = 无法读取表头：{ $problem }
import-line-too-long = 有一行超过 1 MiB（这是 CSV 文件吗？）
import-not-csv = 不是有效的 CSV
import-column-number = 第 { $n } 列
import-column-missing = 缺少此列
import-column-twice = 此列出现了两次
import-cells-count = 有 { $cells } 格，表头有 { $header } 格
import-line-split-by-cr = 行中间有回车符，把这一行断开了：给含回车的单元格加上引号，或删掉回车
import-key-twice = “{ $key }”在文件中出现两次（第一次在第 { $first } 行）
import-unknown-member = 没有成员“{ $member }”（请先导入成员）

## CRM 导出：编码、列映射、工作簿

import-gbk-or-utf8 = { $file } 看起来既像 GBK 也像 UTF-8：请用 --encoding 指定
import-unknown-encoding = “{ $value }”不是 utf-8、utf-16、gbk 或 gb18030
import-not-valid-encoding = 不是有效的 { $encoding }
import-not-a-workbook = { $file } 不是工作簿
import-map-no-table = 没有 [import.{ $kind }] 表
import-map-not-a-field = “{ $field }”不是 { $kind } 的字段（{ $fields }）
import-map-both = “{ $field }”同时指定了列（“{ $column }”）和常量（“{ $constant }”）；只保留一个
import-no-column = 没有列“{ $column }”可作 { $field }（现有的列：{ $columns }）
import-no-column-for-attribute = 没有列“{ $column }”可作属性 { $attribute }
import-not-a-day-number = { $value } 不是表示日期的天数
import-not-a-mapped-kind = “{ $value }”不在映射的类型中（{ $kinds }）
import-no-room = 没有空间转换此文件：{ $error }
import-cannot-keep-translation = 无法保存转换结果：{ $error }
workbook-cannot-read = 无法读取工作簿：{ $error }
workbook-no-such-sheet = 没有工作表“{ $sheet }”（现有工作表：{ $sheets }）
workbook-no-sheet = 工作簿中没有工作表
workbook-sheet = 工作表“{ $sheet }”：{ $problem }
workbook-part = 部件 { $part }：{ $problem }
workbook-cannot-unpack = 无法解压：{ $error }
workbook-formula-without-value = { $cell }：公式没有计算结果；请先在 Excel 中保存工作簿

## 有界内存读取工作簿（issue 38）

workbook-part-too-large = { $part } 解压后有 { $bytes } 字节：merit 对这类部件最多读取 { $max } 字节
workbook-part-past = { $part } 解压后超过 { $max } 字节：merit 对这类部件最多读取 { $max } 字节
workbook-part-ratio = { $part } 解压后是压缩大小的 { $times } 倍：merit 最多接受 { $max }:1
workbook-part-past-ratio = { $part } 解压后超过压缩大小的 { $max } 倍：merit 最多接受 { $max }:1
workbook-text-run = { $part } 含有超过 { $max } 字节的文本：merit 最多读取 { $max } 字节
workbook-too-many-strings = { $part } 在 { $bytes } 字节中声明了 { $strings } 个字符串：merit 最多按每 16 字节一个字符串读取
workbook-sheet-too-many-cells = 工作表超过 { $max } 个单元格：merit 最多读取 { $max } 个
workbook-ods-too-many-cells = content.xml 展开后超过 { $max } 个单元格：merit 最多读取 { $max } 个
workbook-xls-too-many-cells = 其工作表跨越超过 { $max } 个单元格：merit 最多读取 { $max } 个
