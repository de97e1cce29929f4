// PassimXapian: placeholder until the module lands.
