# The right-hand side is code or an Unknown interpolation, not a literal:
# no hard-coded secret (issue 11, item 4).
variable "admin_password" {
  type      = string
  sensitive = true
}

resource "aws_instance" "windows" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    <powershell>
    $secret = Get-SECSecretValue -SecretId prod/admin
    $password = ConvertTo-SecureString $secret.SecretString -AsPlainText -Force
    $credential = New-Object System.Management.Automation.PSCredential("Administrator", $password)
    $token = "${var.admin_password}"
    $key = ConvertTo-SecureString "${var.admin_password}" -AsPlainText -Force
    </powershell>
  EOT
}

resource "aws_instance" "php" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    cat > /var/www/html/wp-config.php <<PHP
    <?php
    define('DB_NAME', 'wordpress');
    define('DB_PASSWORD', getenv('DB_PASSWORD'));
    define('AUTH_SALT', '${var.admin_password}');
    define('DB_USER', 'username_here');
    define('SECRET_KEY', 'put your unique phrase here');
    PHP
    export DB_PASSWORD=$(aws ssm get-parameter --name /wp/db --with-decryption --query Parameter.Value --output text)
  EOT
}
