# 数据库无法完成操作时的提示（core：error.rs、store/）。

store-busy = 数据库正忙：另一个 merit 正在写入；请稍后再试
store-read-only = 当前用户对数据库只有读权限
store-not-merit = 该文件不是 merit 数据库
store-disk-full = 磁盘已满；未写入任何内容
store-malformed = 数据库已损坏：SQLite 认为文件格式有误；请从备份恢复
store-damaged-restore = 数据库已损坏：{ $what }；请从备份恢复（merit verify 可查看详情）
store-damaged-column = 列 { $column } 中有 merit 从不写入的 { $found } 值
store-damaged-value = 有值不是 merit 写入的（{ $error }）
store-error = 数据库错误：{ $error }
store-pg-lost = 与 PostgreSQL 服务器的连接已断开（服务器已停止，或管理员结束了会话）：没有写入任何内容；服务器恢复后请重新运行命令
store-pg-back = 与 PostgreSQL 服务器的连接已恢复；屏幕内容已重新读取
store-ids-out-of-step = { $table }：数据库给出的编号与 merit 计数不符；未写入任何内容
store-thread-stopped = 数据库连接线程意外停止；未写入任何内容
store-points-out-of-range = { $member }：{ $points } 分超出范围
store-member-points-out-of-range = { $member }：积分超出范围
store-cannot-create = { $path }：无法创建数据库：{ $error }
store-schema-mismatch = { $path }：数据库结构版本为 { $found }，应为 { $expected }
store-migration-failed = 第 { $step } 步升级失败：{ $error }
store-directory-read-only = 无法在 { $path } 旁写入：所在目录只读（SQLite 的 WAL 需要写入该目录）
store-cannot-open = { $path }：无法打开数据库：{ $error }
store-pg-no-server = { $at } 处没有 PostgreSQL 服务器应答
store-pg-unknown-host = 找不到名为 { $host } 的主机
store-pg-no-database = 服务器上没有名为 { $name } 的数据库：请管理员先创建（createdb { $name }），merit 会在第一次写入时建立其结构
store-pg-role-refused = 服务器不允许 { $user } 登录（没有这个名字的角色，或 pg_hba.conf 中没有它的条目）
store-pg-bad-port = { $name } 的值 { $port } 不是端口号
store-not-merit-because = { $path }：不是 merit 数据库（{ $error }）
store-foreign = { $path }：不是 merit 数据库（是含有其他表的 SQLite 数据库）；未作任何改动
store-foreign-pg = { $path }：不是 merit 数据库（该数据库含有其他表）；未作任何改动
store-pg-no-grant = { $path }：这里有 merit 数据库，但角色 { $user } 无权读取：请管理员为该角色授权（见 README 的“A company's store on PostgreSQL”）
store-pg-cannot-set-up = { $path }：角色 { $user } 无权在此数据库中建表：请由数据库的所有者建立数据库（以所有者身份运行 merit import、merit demo 或 merit copy）；没有写入任何内容
store-newer = { $path }：该数据库由更新版本的 merit 写入（结构版本 { $found }；本版本最高支持 { $known }）；未打开也未改动：请升级 merit
store-migration-wrong-key = { $path }：本版本 merit 需要把数据库升级到结构版本 { $to }，但封签与此密钥（MERIT_KEY）不符；未写入任何内容：请用该数据库的密钥运行 merit
store-rules-unreadable = 数据库中的规则无法读回：{ $problem }
store-rule-version-unreadable = 数据库中的规则版本 { $seq } 无法读回：{ $problem }
store-rules-changed-meanwhile = 规则已被另一个进程改动；未保存任何内容

# 中途停止的长时间工作，以及演示数据自身的检查。
recalc-stopped = 重算已停止
scoring-stopped = 计分意外中止
recalc-award-not-written = 积分 { $rule } { $member } { $subject }：未能写入
demo-members-range = --members：必须在 1 到 100000 之间
demo-activities-range = --activities：必须在 1 到 { $max } 之间
demo-years-range = --years：必须在 1 到 { $max } 之间
demo-store-not-empty = { $path }：数据库不是空的；`merit demo` 只写入新的数据库
demo-rules = 演示规则：{ $problem }
store-not-a-url = { $path }：看起来像数据库地址，但不是：PostgreSQL 数据库写作 postgresql://…（若确是这样命名的文件，请在前面加 ./）
