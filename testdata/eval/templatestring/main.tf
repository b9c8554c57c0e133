locals {
  init = <<-EOT
    #!/bin/bash
    echo ECS_CLUSTER=$${cluster} >> /etc/ecs/ecs.config
    export DB_PASSWORD="$${db_password}"
  EOT
}

resource "aws_launch_template" "app" {
  name_prefix = "app-"
  user_data = base64encode(templatestring(local.init, {
    db_password = "Sup3rS3cret!"
    cluster     = aws_ecs_cluster.main.name
  }))
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}
