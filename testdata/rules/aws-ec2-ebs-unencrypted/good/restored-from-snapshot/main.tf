# Devices restored from a snapshot take the snapshot's encryption: the
# provider refuses `encrypted` beside `snapshot_id`, and this configuration
# does not say whether the snapshot is encrypted.
resource "aws_instance" "restore" {
  ami           = "ami-0fedcba9876543210"
  instance_type = "r6i.xlarge"
  root_block_device {
    volume_type = "gp3"
    encrypted   = true
  }
  ebs_block_device {
    snapshot_id = "snap-0fedcba9876543210"
    device_name = "/dev/sdh"
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = true
    }
  }

  block_device_mappings {
    device_name = "/dev/sdf"
    ebs {
      snapshot_id = var.data_snapshot
    }
  }
}

variable "data_snapshot" {
  type = string
}
