//! The rules handbook (`merit handbook`, the site's rules page): the rules
//! in force on a day, worded for people, in English or in Chinese.

mod en;
mod zh;

pub use en::handbook;
pub use zh::handbook_zh;
