// PassimAnalysisTests: placeholder until the tests land.
