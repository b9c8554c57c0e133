resource "aws_launch_template" "app" {
  name_prefix = "app-"
  user_data = base64encode(templatefile("${path.module}/init.sh.tpl", {
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
