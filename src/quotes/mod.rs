//! Quotations: who said what (DESIGN §5).
