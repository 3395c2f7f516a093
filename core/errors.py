"""The domain's one kind of refusal: a change the rules do not allow, with a message for the
person who tried. Views show the message; nothing else about it differs between apps."""


class Refused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
