from_auto_tfvars = true
