rdp_source = "0.0.0.0/0"
