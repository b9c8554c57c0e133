# A cookiecutter template: rendered into Terraform before anyone applies it.
resource "aws_db_instance" "db" {
  identifier          = "{{ cookiecutter.project }}"
  publicly_accessible = {{ cookiecutter.public_database }}
}
