//! Messages for the corrected workbook, the template and the file name.
