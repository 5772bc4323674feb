import pytest
from django.core.exceptions import ValidationError

from europe.validators import validate_phone


@pytest.mark.parametrize(
    "number",
    [
        "0160919191",
        "01 60 91 91 91",
        "01.60.91.91.91",
        "01-60-91-91-91",
        "+33160919191",
        "+33 1 60 91 91 91",
        "+33 (0)1 60 91 91 91",
        "(01) 60 91 91 91",
        "+1 (555) 123-4567",
        "+49 30 1234567",
        "20 12 34 56 78",
        "352 12 34 56",  # 8 digits, 12 characters
        "+44 20 7946 0958",
    ],
)
def test_french_and_international_numbers_are_accepted(number):
    validate_phone(number)


@pytest.mark.parametrize(
    "number",
    [
        "((((((",
        "((((((((((",
        "----------",
        "+ + + + + +",
        "appelez-moi",
        "01 60 91",  # too short
        "0-0-0-0-0-0",  # 6 digits only
        "+33 1 60 91 91 91 91 91",  # longer than 20 characters
        "01--60 91 91 91",  # two separators in a row
        "01 60 91 91 91 ",  # trailing separator
        "++33160919191",
        "0160919191+",
        "+33 ((0)) 1 60 91 91",
        "(01) (60) 91 91 91",  # parentheses around the area code only
        "(01 60 91 91 91",
        "01 60 91 91 91)",
        "()0160919191",
        "0160919191 poste 12",
        "０１６０９１９１９１",  # full-width digits
    ],
)
def test_anything_else_is_refused_with_the_rule(number):
    with pytest.raises(ValidationError) as error:
        validate_phone(number)
    assert "de 10 à 20 caractères" in error.value.messages[0]
