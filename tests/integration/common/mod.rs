//! Helpers shared by the integration tests (generated workbooks, paths).
