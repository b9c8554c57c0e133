# The launch template is not in this configuration, or its devices are
# Unknown: whatever it sets applies, and it cannot be told here.
variable "template_id" {
  type = string
}

variable "devices" {
  type = list(object({ name = string }))
}

resource "aws_instance" "elsewhere" {
  launch_template {
    id = var.template_id
  }
}

resource "aws_instance" "literal" {
  launch_template {
    id = "lt-0123456789abcdef0"
  }
}

resource "aws_launch_template" "dynamic" {
  name_prefix = "dyn-"
  image_id    = "ami-0a3d5b6c7e8f90123"
  dynamic "block_device_mappings" {
    for_each = var.devices
    content {
      device_name = block_device_mappings.value.name
      ebs {
        encrypted = true
      }
    }
  }
}
