"""The rest corner (小哥歇歇角): seats, rest timers as rows, wake-ups and the keeper's view."""
