// PassimClient: placeholder until the module lands.
