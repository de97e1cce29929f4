// PassimServer: placeholder until the module lands.
