//! Bulk loaders: importing a register or an export folder, and filling a demo store.
//! Both create records by the domain's rules and write them through the store's bulk
//! commit (one atomic journal batch), never around it.

pub mod demo;
pub mod import;
