//! Small drawing helpers the panes share: ASCII-bordered popups, aligned
//! text columns, the bar chart and the sparkline.

pub mod chart;
pub mod columns;
pub mod popup;
pub mod sparkline;
