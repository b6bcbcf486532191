"""Readers' comments as threads: each reply drawn inside the comment it answers."""


def thread_comments(comments) -> list:
    """The top-level comments, in order, each with ``thread_replies`` (its replies, in order).

    A reply is nested only under a comment that comes before it, so a damaged
    parent link can never hide a comment in a loop; it is then shown at the top level.
    """
    seen = {}
    top = []
    for comment in comments:
        comment.thread_replies = []
        parent = seen.get(comment.parent_id)
        if parent is not None:
            comment.parent_author = parent.author_name
            parent.thread_replies.append(comment)
        else:
            top.append(comment)
        seen[comment.pk] = comment
    return top
