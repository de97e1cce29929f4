// PassimCore: placeholder until the module lands.
