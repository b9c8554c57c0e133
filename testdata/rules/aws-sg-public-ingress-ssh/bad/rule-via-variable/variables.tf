variable "ssh_allowed_cidrs" {
  description = "Who may SSH to the app servers"
  type        = list(string)
  default     = ["0.0.0.0/0"]
}
