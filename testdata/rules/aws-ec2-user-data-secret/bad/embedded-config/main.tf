# Secrets written into configuration files by user data: PHP constants,
# JSON, YAML and shell exports.
resource "aws_instance" "wordpress" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    cat > /var/www/html/wp-config.php <<'PHP'
    <?php
    define('DB_NAME', 'wordpress');
    define('DB_PASSWORD', 'Wp-Pr0d-2024!');
    PHP
    cat > /etc/app/config.json <<'JSON'
    {"database": {"host": "db.internal", "password": "J50n-Pa55w0rd"}}
    JSON
    cat > /etc/app/config.yml <<'YML'
    database:
      password: Yaml-Pa55w0rd
    YML
    export API_TOKEN=tok-12345-abcdef
  EOT
}

resource "aws_instance" "windows" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    <powershell>
    $password = ConvertTo-SecureString "Ps-Pa55w0rd!" -AsPlainText -Force
    </powershell>
  EOT
}
