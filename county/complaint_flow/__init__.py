"""Complaint handling (DESIGN.md §9): the life of a complaint from 受理 to 办结.

``states`` the table of allowed transitions (pure); ``limits`` time limits
per category and ``due_at``; ``models`` the history, limit and feedback
tables; ``filing`` what a new complaint starts with; ``service`` every step,
checked and recorded, escalation of overdue complaints, registration of
complaints from the hotline, letters and visits, and villagers' feedback.
Receiving complaints from terminals stays in county/complaints.py.
"""
