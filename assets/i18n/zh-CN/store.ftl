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
