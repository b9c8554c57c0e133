resource "aws_ecs_task_definition" "agent" {
  family = "agent"

  container_definitions = jsonencode([
    {
      name       = "agent"
      image      = "public.ecr.aws/example/agent:7.2.0"
      essential  = true
      privileged = false
      linuxParameters = {
        capabilities = { add = ["SYS_PTRACE"], drop = [] }
      }
    }
  ])
}
