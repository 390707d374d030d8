//! Helpers shared by the integration tests (generated workbooks, paths).

pub mod workbook;
