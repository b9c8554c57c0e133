# A heredoc whose body holds a line that starts with the marker and goes on:
# only a line that is exactly the marker ends it.
resource "aws_ssm_document" "script" {
  name          = "script"
  document_type = "Command"
  content       = <<EOF
{
  "schemaVersion": "2.2",
  "description": "writes a file",
EOF"
  "mainSteps": []
}
EOF
}
