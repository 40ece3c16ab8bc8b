//! Writers over `impl Write`: documents made from records. No disk access here; callers
//! choose where the bytes go (and write them atomically).

pub mod files;
pub mod html;
pub mod report;
pub mod slip;
pub mod stream;
pub mod tables;
pub mod xlsx;
