"""The task worker command: ``symbiose db_worker`` that stops promptly when told to.

django-tasks-db's worker finishes the running task before it stops on SIGTERM or Ctrl+C; a
full recompute at 100 000 streams runs for minutes, so a deploy or a ``kill`` waited that
long. This app's ``db_worker`` (listed before ``django_tasks_db`` so its command wins)
interrupts the running task instead and puts it back in the queue for the next worker.
"""
