locals {
  ssh_port = 22
  public   = true
}
