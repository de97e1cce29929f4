// PassimQuery: placeholder until the module lands.
