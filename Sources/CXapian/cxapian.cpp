// Implemented in cxapian.cpp (placeholder until the shim lands).
