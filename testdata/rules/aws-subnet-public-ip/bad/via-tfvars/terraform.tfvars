public_ips = true
