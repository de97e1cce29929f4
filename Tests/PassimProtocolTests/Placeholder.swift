// PassimProtocolTests: placeholder until the tests land.
