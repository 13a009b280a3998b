//! Small drawing helpers the panes share: ASCII-bordered popups, aligned
//! text columns, and the bar chart.

pub mod chart;
pub mod columns;
pub mod popup;
