# The papers' titles use en dashes ("Estates – Insight Report"); they are kept as printed.
# ruff: noqa: RUF003
"""The Panel's real record from the seed papers, kept as data, and the loader that saves it.

Everything below is taken from the agenda pack for the Panel meeting of 9 October 2023
(seed 001): the minutes of 26 July and 10 August 2023, the agenda of 9 October, the three
Corporate Governance Board reports (April, June and July 2023) and the work programme
2023-24. Where the papers contradict themselves the comment says so and which reading is
kept. Nothing is invented: a given name the papers never print stays blank.

``load_record()`` is idempotent: every row is looked up by its natural key and created only
when missing, so a second run changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    Membership,
    Minutes,
    Paper,
    Person,
    PersonAlias,
    Resolution,
    WorkProgrammeEntry,
    normalise_name,
)

D = datetime.date
T = datetime.time
PANEL = "llr-pcp"
CGB = "cgb"

PUBLIC = AgendaItem.Confidentiality.PUBLIC
EXEMPT = AgendaItem.Confidentiality.EXEMPT
REDACTED = AgendaItem.Confidentiality.REDACTED
OFFICIAL_SENSITIVE = AgendaItem.Confidentiality.OFFICIAL_SENSITIVE

NOTED = Resolution.Kind.NOTED
APPROVED = Resolution.Kind.APPROVED
REQUEST = Resolution.Kind.REQUEST
ELECTION = Resolution.Kind.ELECTION
PROCEDURAL = Resolution.Kind.PROCEDURAL

PRESENT = Attendance.Status.PRESENT
APOLOGIES = Attendance.Status.APOLOGIES
IN_ATTENDANCE = Attendance.Status.IN_ATTENDANCE
ALSO_PRESENT = Attendance.Status.ALSO_PRESENT

Role = Membership.Role

BODIES = [
    {
        "slug": PANEL,
        "name": "Leicester, Leicestershire and Rutland Police and Crime Panel",
        "short_name": "LLR Police and Crime Panel",
        "kind": Body.Kind.PANEL,
        "description": (
            "The statutory panel (Police Reform and Social Responsibility Act 2011) that "
            "scrutinises the Police and Crime Commissioner for Leicester, Leicestershire and "
            "Rutland: 13 elected councillors from the area's councils and two independent "
            "co-opted members."
        ),
    },
    {
        "slug": CGB,
        "name": "Corporate Governance Board",
        "short_name": "CGB",
        "kind": Body.Kind.BOARD,
        "description": (
            "The Commissioner's board for holding the Chief Constable to account, established "
            "in November 2021 in replacement of the Strategic Assurance Board. It is attended "
            "by the Office of the Police and Crime Commissioner and the force's Chief Officer "
            "Team; its reports are laid before the Panel."
        ),
    },
]


def person(honorific, given, family, *aliases, slug=None, post_nominals=""):
    return {
        "slug": slug or slugify(f"{given} {family}"),
        "honorific": honorific,
        "given_name": given,
        "family_name": family,
        "post_nominals": post_nominals,
        "aliases": list(aliases),
    }


# Each spelling under which the papers print the person becomes a PersonAlias row.
PEOPLE = [
    # Panel members. Full names are printed only for the Chair and Vice-Chair (at their
    # election) and the two independent members; the other councillors appear by surname.
    person("Councillor", "Deborah", "Taylor", "Councillor Taylor", "Deborah Taylor"),
    person("Councillor", "Sarah", "Russell", "Councillor Russell", "Sarah Russell"),
    person("Councillor", "", "Agath", "Councillor Agath"),
    # "Allnatt" in the 9 October summons and the 10 August minutes, "Alnatt" in the
    # 26 July minutes: one member, the majority spelling kept.
    person("Councillor", "", "Allnatt", "Councillor Allnatt", "Councillor Alnatt"),
    person("Councillor", "", "Blackshaw", "Councillor Blackshaw"),
    person("Councillor", "", "Clarke", "Councillor Clarke"),
    person("Councillor", "", "Joannou", "Councillor Joannou"),
    person("Councillor", "", "Loydall", "Councillor Loydall"),
    person("Councillor", "", "Mullaney", "Councillor Mullaney"),
    person("Councillor", "", "Phillimore", "Councillor Phillimore"),
    person("Councillor", "", "Wise", "Councillor Wise"),
    person("Councillor", "", "Woodiwiss", "Councillor Woodiwiss"),
    person("Councillor", "", "Woodman", "Councillor Woodman"),
    person("Councillor", "", "Wyatt", "Councillor Wyatt"),
    person("Ms", "Parisha", "Chavda", "Parisha Chavda", "Ms Parisha Chavda"),
    # "Salma Mansoor" in the 26 July minutes, "Ms Salma Manzoor" in the 9 October summons:
    # the papers do not settle which is right; the later, formal summons is kept.
    person("Ms", "Salma", "Manzoor", "Ms Salma Manzoor", "Salma Mansoor"),
    # The Commissioner's office.
    person("Mr", "Rupert", "Matthews", "Mr Rupert Matthews", "Mr R Matthews", "Rupert Matthews"),
    person(
        "Mrs",
        "Rani",
        "Mahal",
        "Mrs Rani Mahal",
        "Mrs R Mahal",
        "Deputy PCC Rani Mahal",
    ),
    # Printed "Mr Elizabeth Starr" in the 26 July minutes but "Mrs Lizzie Starr" in the June
    # board report; the honorific follows the board report, the minutes' form stays an alias.
    person(
        "Mrs",
        "Elizabeth",
        "Starr",
        "Mr Elizabeth Starr",
        "Mrs Lizzie Starr",
        "Lizzie Starr",
        "Elizabeth Starr",
    ),
    # "Was K Hughes" and "Was Sehrish Hussain" in the attendance lists are conversion errors
    # for "Mrs": the June report prints "Mrs Sehrish Hussain" for the same person.
    person("Mrs", "Kira", "Hughes", "K Hughes", "CFO Kira Hughes", "Kira Hughes"),
    person(
        "Mr",
        "Andrew",
        "Champness",
        "Mr A Champness",
        "Mr Andrew Champness",
        "Andy Champness",
    ),
    person("Mrs", "", "Morton", "Mrs B Morton", slug="b-morton"),
    person("Mrs", "Sehrish", "Hussain", "Mrs Sehrish Hussain"),
    person("Ms", "Claire", "Trewartha", "Ms Claire Trewartha", "Claire Trewartha"),
    # The force's Chief Officer Team and staff.
    person(
        "Mr",
        "Rob",
        "Nixon",
        "Mr R Nixon",
        "CC Nixon",
        "CC Rob Nixon",
        "Chief Constable Rob Nixon",
    ),
    # The June report once calls him "ACC David Sandall"; he is the Deputy Chief Constable.
    person(
        "Mr",
        "David",
        "Sandall",
        "Mr D Sandall",
        "DCC Sandall",
        "DCC David Sandall",
        "ACC David Sandall",
        "Deputy Chief Constable David Sandall",
    ),
    person("Mr", "Adam", "Streets", "Mr A Streets", "ACC Adam Streets", "ACC Streets"),
    person(
        "Mr",
        "Paul",
        "Dawkins",
        "Mr P Dawkins",
        "ACO Paul Dawkins",
        "ACFO Paul Dawkins",
        "AFO Paul Dawkins",
    ),
    person("Mr", "Alastair", "Kelly", "Mr A Kelly", "Alastair Kelly"),
    person("Mr", "", "Kealey", "Mr C Kealey", slug="c-kealey"),
    person("Mrs", "", "Smith", "Mrs K Smith", slug="k-smith"),
    person("Mr", "Andrew", "Elliott", "Mr Andrew Elliott"),
    # Officers supporting the Panel (Leicester City Council hosts it).
    person("Mr", "Kamal", "Adatia", "Mr Kamal Adatia"),
    person("Mr", "Jacob", "Mann", "Mr Jacob Mann", "Jacob Mann"),
    person("Mrs", "Anita", "James", "Mrs Anita James"),
    person("Ms", "Pretty", "Patel", "Ms Pretty Patel"),
    person("Ms", "Rachel", "Heggs", "Ms Rachel Heggs"),
]

# The Panel for the 2023-24 municipal year, as the annual meeting of 26 July 2023 set it.
# The papers give no earlier start dates, so every seat is recorded from that meeting.
YEAR_START = D(2023, 7, 26)
# Councillor Wyatt (Liberal Democrat, North West Leicestershire) was to give way to
# Councillor Woodman "following the next North West Leicestershire Full Council meeting";
# that date is not in the papers. The summons for 9 October 2023 is the first paper listing
# Woodman, so the change is recorded on that date: correct it when the date is known.
# Likewise Councillor Woodiwiss is first listed in that summons.
CHANGEOVER = D(2023, 10, 9)
NWL = "North West Leicestershire"
PANEL_MEMBERSHIPS = [
    {"person": "deborah-taylor", "role": Role.CHAIR},
    {"person": "sarah-russell", "role": Role.VICE_CHAIR},
    *(
        {"person": slug, "role": Role.MEMBER}
        for slug in (
            "agath",
            "allnatt",
            "blackshaw",
            "clarke",
            "joannou",
            "loydall",
            "mullaney",
            "phillimore",
            "wise",
        )
    ),
    {
        "person": "wyatt",
        "role": Role.MEMBER,
        "council": NWL,
        "party": "Liberal Democrats",
        "end_date": CHANGEOVER - datetime.timedelta(days=1),
    },
    {
        "person": "woodman",
        "role": Role.MEMBER,
        "council": NWL,
        "party": "Conservative",
        "start_date": CHANGEOVER,
    },
    {"person": "woodiwiss", "role": Role.MEMBER, "start_date": CHANGEOVER},
    {"person": "parisha-chavda", "role": Role.INDEPENDENT},
    {"person": "salma-manzoor", "role": Role.INDEPENDENT},
]

# The board's standing attendees, from the Attendance sections of its reports. Each is
# recorded from the first report that lists them; the papers give no other dates.
CGB_ATTENDEES = [
    ("rupert-matthews", "Police and Crime Commissioner", D(2023, 4, 19)),
    ("rani-mahal", "Deputy Police and Crime Commissioner", D(2023, 4, 19)),
    ("kira-hughes", "Chief Finance Officer", D(2023, 4, 19)),
    ("andrew-champness", "Interim Chief Executive Officer", D(2023, 4, 19)),
    ("b-morton", "Business Staff Officer", D(2023, 4, 19)),
    ("rob-nixon", "Chief Constable", D(2023, 4, 19)),
    ("david-sandall", "Deputy Chief Constable", D(2023, 4, 19)),
    ("adam-streets", "Assistant Chief Constable", D(2023, 4, 19)),
    ("paul-dawkins", "Assistant Chief Officer (Finance)", D(2023, 4, 19)),
    ("alastair-kelly", "Assistant Chief Officer (Human Resources)", D(2023, 4, 19)),
    ("c-kealey", "Head of Communications and Engagement", D(2023, 4, 19)),
    ("sehrish-hussain", "Business Staff Officer", D(2023, 6, 21)),
    ("elizabeth-starr", "Director of Governance and Performance", D(2023, 6, 21)),
    ("k-smith", "Assistant Chief Constable", D(2023, 7, 17)),
    ("andrew-elliott", "Head of Change Team", D(2023, 7, 17)),
]


def item(number, title, text="", *, resolutions=(), **extra):
    return {
        "number": number,
        "title": title,
        "minutes_text": text.strip(),
        **extra,
        "resolutions": list(resolutions),
    }


def resolved(text, kind=NOTED, number=None):
    return {"number": number, "text": text, "kind": kind}


def paper(title, report_of="", author="", **extra):
    return {"title": title, "report_of": report_of, "author": author, **extra}


OPCC_REPORT = "Office of the Police and Crime Commissioner (OPCC)"
STARR_AUTHOR = "Lizzie Starr, Director of Governance and Performance, OPCC"
HUGHES_AUTHOR = "Kira Hughes, Chief Finance Officer"

# --- The Panel: 26 July 2023 (annual meeting) ---------------------------------------------

JULY_26_ITEMS = [
    item(
        "1",
        "Election of Chair for 2023-24 municipal year",
        """
The Monitoring Officer opened the meeting and welcomed those present.

Nominations for the role of Chair of the Leicester, Leicestershire and Rutland Police and Crime
Panel were invited.

It was proposed, seconded and upon being put to the vote carried that Deborah Taylor take the
position of Chair for the municipal year 2023-24.
""",
        resolutions=[
            resolved(
                "That Deborah Taylor be elected as Chair of the Leicester, Leicestershire and "
                "Rutland Police and Crime Panel for the municipal year 2023-24.",
                ELECTION,
            )
        ],
    ),
    item(
        "2",
        "Election of Vice-Chair for 2023-24 municipal year",
        """
Nominations for the role of Vice-Chair of the Leicester, Leicestershire and Rutland Police and
Crime Panel were invited.

It was proposed, seconded and upon being put to the vote carried that Sarah Russell take the
position of Vice-Chair for the municipal year 2023-24.
""",
        resolutions=[
            resolved(
                "That Sarah Russell be elected as Vice-Chair of the Leicester, Leicestershire "
                "and Rutland Police and Crime Panel for the municipal year 2023-24.",
                ELECTION,
            )
        ],
    ),
    item("3", "Apologies for absence", "Apologies were received from Councillor Wyatt."),
    item(
        "4",
        "Declarations of interest",
        """
Members were asked to disclose any pecuniary or other interest they may have in the business
on the agenda.

There were no declarations.
""",
    ),
    item(
        "5",
        "Minutes of previous meetings",
        resolutions=[
            resolved(
                "That the minutes of the meetings held on 6th March 2023 (Confirmation Hearing "
                "for appointment to the role of Interim Chief Executive Officer; Confirmation "
                "Hearing for appointment to the role of Interim Chief Finance Officer; Ordinary "
                "meeting) were confirmed as a correct record.",
                APPROVED,
            )
        ],
    ),
    item(
        "6",
        "Panel membership 2023-24",
        """
The Monitoring Officer submitted a report to consider the Panel's membership and any changes
required to meet the balanced appointment objective as required by legislation.

It was noted that the 13 elected Panel Members needed to represent the political makeup of LLR
and all the Councils of LLR. Following changes to political balance as a result of the 2023
local elections, negotiations had taken place to ensure appropriate political balance for the
Panel. Following this a political balance was in place that was compliant with political
balance requirements.

The Chair stated that she was happy to accept the membership and balance laid out in the
report.

In response to a question on the political balance it was noted that given the political
balance of the whole of LLR, there should proportionally be one independent elected member.
However, it was felt that the balance in the Panel was still acceptable and more representative
than in previous years.

It was noted that the representative from North West Leicestershire was currently Councillor
Wyatt from the Liberal Democrats, however to give the Conservatives the five members they were
entitled to it had been agreed that Councillor Woodman would take his place following the next
North West Leicestershire Full Council meeting.

It was noted that the two independent members were appointed through a recruitment process.
""",
        resolutions=[resolved("That the contents of the report be noted.")],
    ),
    item(
        "7",
        "Public questions",
        """
None received for this meeting.

In response to a question on how the option to submit public questions to the Board was
advertised, it was noted that there was a page on Leicester City Council's website outlining
how to submit a question and the criteria for questions.
""",
    ),
    item(
        "8",
        "LLR Police and Crime Panel's Annual Report (2022-23)",
        """
Panel members received the Leicester, Leicestershire and Rutland Police and Crime Panel Annual
Report highlighting the activities undertaken by the Panel during the 2022-23 municipal year.

In response to concerns raised that the report overly sanitised certain points of challenge
between Panel members and the Police and Crime Commissioner it was noted that the report was
primarily focused on recording the impartial facts of the Panel's work.

It was noted that a statement had previously been made at a meeting of the Panel by the Chair
on the concerns around the multiple interim appointments by the PCC to OPCC offices. This had
not been included in the report and it was suggested that the report be amended to include
this.
""",
        resolutions=[
            resolved(
                "That the Leicester, Leicestershire, and Rutland Police and Crime Panel Annual "
                "Report be approved subject to amendments based on the comments made above.",
                APPROVED,
            )
        ],
    ),
    item(
        "9",
        "Prevent Strategy and Hate Crime Strategy update report",
        """
The Panel considered a report which provided an update on the work of Prevent and current
processes on hate crime and hate incidents.

The PCC presented the report, commenting on the seriousness of hate crime and that Leicester as
a diverse city needed to combat it. It was noted that the report included changes to the
reporting process for hate crime. The PCC stated that he was very happy with how the force
handled these issues.

There was discussion on the role of the OPCC in dealing with Prevent and hate crime. It was
noted that the role of the PCC in this was to set overarching strategies and keep track of
work through the Monitoring Office. It was requested that in future reports the work of the
OPCC in areas reported on be more clearly shown, with actions and funding laid out.

In relation to the funding that the OPCC gave to the force for this work, it was noted that
this work came under a higher-level heading for funding and that the OPCC needed to support the
workstreams under each budget heading with that funding.

In response to a question on how gaps in service were identified it was noted that the OPCC
regularly looked at figures to see trends and challenge the force on them through forums such
as the Corporate Governance Board.
""",
        resolutions=[
            resolved("That the contents of the report be noted.", NOTED, 1),
            resolved(
                "That OPCC Officers consider how future reports could include more detail of "
                "actions from the OPCC related to the work in question.",
                REQUEST,
                2,
            ),
        ],
    ),
    item(
        "10",
        "S106 funding post review update",
        """
The Panel received a report to provide an update on how the Force was implementing the
recommendations that were provided as part of the Police and Crime Panel Tasking group S106
funding review.

The PCC introduced the report, it was noted that the report was not exhaustive and provided an
update on the current situation. It was stated that the Police were reliant on the relevant
Local Authorities for this work.

The Chair requested that an update on this work be brought to every Panel meeting for the
immediate future. Panel Members felt it was important to continue monitoring this work.

The Chair noted that now the funds assigned directly to the Police had been spent it was now
time to collect the repurposed funds from Local Authorities and that someone would soon be
coming in-post who would be dedicated to S106 work. The PCC stated that having a full-time
officer on this work would bring consistency and avoid previous issues.

In response to a question about examples of Planning Authorities willingly looking at S106
categories it was noted that Oadby and Wigston had set an example in how much they had
repurposed. The PCC stated that it would be helpful if Panel Members could intervene in their
own Councils to stop S106 funding being blocked from the Police. Panel Members stated that
Planning Authorities and developers should be broader in thought about how S106 funds could be
spent in different ways.

In response to a point raised about cross-county project funding, it was noted that the main
challenge with the current S106 funding was it was limited to mitigating the impact of new
developments for the local area only and needed to be repurposed to fit current Police needs.

In response to a question, it was noted that the dedicated S106 officer would be employed by
the force not the OPCC.
""",
        resolutions=[
            resolved("That the contents of the report be noted.", NOTED, 1),
            resolved("That regular updates on S106 funding be brought to the Panel.", REQUEST, 2),
        ],
    ),
    item(
        "11",
        "General update on work of the Office of the Police and Crime Commissioner",
        """
The Panel received a report to provide an update on the activities undertaken by the
Commissioner, his deputy and OPCC in relation to the delivery of the Police and Crime Plan and
the Commissioner's statutory duties covering the period March - June 2023. Also included was a
report on People Zones.

The PCC presented the report, it was noted that:

- Several workshops had been held to help voluntary organizations with writing successful
  funding bids which didn't fall on technical grounds. These workshops had been very well
  subscribed, therefore further workshops would be held.
- The recently established Ethics and Transparency Panel had begun to hold regular meetings and
  were now looking at a wide range of important issues within the Force with an aim to improve
  public trust.
- The Local Criminal Justice Board (LCJB) was now chaired by the Chief Constable. However, the
  OPCC was continuing to attend and administer the LCJB.

Members of the Panel were requested to give their views on the formatting and information
included within the report so any changes could be made. Panel Members welcomed the concise
information and headline views of the report. It was requested that the report also include
data on PCC visits, including the specific location of the visits with a map and how they were
initiated. It was noted that a map of visits would be included in the PCCs Annual Report.

There was extended discussion between Panel Members, OPCC Officers, and the PCC on the issue of
the Chief Constable chairing the LCJB. The PCC stated that the Chief Constable had suggested
that as he was Chair of the National Police Chiefs Council that it would be appropriate for him
to Chair the local portfolio as national and local work could be linked together, this had been
sounded out with partners within the organisation who had seen the logic for the change. The
Chairing arrangements were subject to review, this would involve consulting with the other
bodies on the LCJB.

It was noted that the majority of LCJBs across the country were Chaired by PCCs. Concerns were
raised that this dual role of Chief Constable and Chair of the LCJB presented a conflict of
interest. The PCC stated that this issue had been reviewed when the change was suggested and
that no potential conflict of interest was found. It was noted that previously Chief Constables
had Chaired LCJBs when there was a more regional structure and that this had only changed with
the introduction of PCCs. It was noted that the OPCC still had independent oversight of the
data going to the LCJB and that the work of the LCJB was scrutinised at the Corporate
Governance Board.

It was noted that national guidance suggested that an amendment would soon be made to give
LCJBs a statutory footing and mandate that the PCC acted as Chair. The PCC stated that if that
was mandated then the LCJB would comply.

It was noted that the Assistant Chief Constable was the Deputy-Chair of the LCJB, suggesting
that this was more just than about the individual regarding Chairing arrangements.

In response to these concerns certain Panel Members spoke in favor of the change noting that
national expertise being brought into the LCJB was positive.

An update on People Zones was requested, it was noted that these Zones were put in place in
specific areas of high deprivation and high crime rates, representatives from different
agencies and groups in the area would be brought together to cooperate to improve the area.
Some funding was available as part of this for voluntary groups. There were currently 3 active
Zones and these were working well. The next steps were to scale back OPCC support to allow the
Zones to be run independently and use the resources to establish new Zones. Work was now
ongoing to identify areas which fit the profile for a Zone. Quantitative data on the impact of
these Zones would be reported on in future however a lot of this work was focused on a
longer-term impact.
""",
        resolutions=[
            resolved("That the Panel notes the report.", NOTED, 1),
            resolved(
                "That the Panel requests that Members comments be noted by OPCC staff.",
                REQUEST,
                2,
            ),
            resolved(
                "That the Panel requests that the potential conflict of interest from the Chief "
                "Constable Chairing the LCJB be investigated.",
                REQUEST,
                3,
            ),
            resolved(
                "That the Panel requests that future reporting provide details of the location "
                "and reason for PCC visits.",
                REQUEST,
                4,
            ),
        ],
    ),
    item(
        "12",
        "Domestic Abuse Perpetrator Programme Home Office funding",
        """
The Panel received a report to provide an update regarding the Domestic Abuse Perpetrator
Programme located at the Jenkins Centre in Leicester, the funding acquired and the internal
evaluation of the previous service.

The PCC presented the report, it was noted that all names included in the report were
anonymised. This work sought to change the perspective of domestic abuse work to have more of a
focus on rehabilitating perpetrators. This work would not be cheap however it was considered
to be worth it if it broke the cycle. The City Council provided separate funding to the Jenkins
Centre however there was no duplication in the funding.

The Chair expressed disappointment in the delay in receiving funding from the Home Office.

The Chair expressed concerns around the value for money calculation in the report. The concern
was that many additional factors were not taken into account such as the impact on wider
families and the cost for Local Authorities and Health in dealing with issues related to that
impact. The PCC stated that he was willing to consider this however it would be hard to put a
definite figure on the costs of some of those factors. In response to this it was noted that
there was national evidence of the wider cost benefit of perpetrator services.

It was requested that information be provided into how the OPCC had been working with
Commissioners to look into a range of different domestic abuse services.

Clarity over the issue of who was providing match funding was sought. It was requested that
details of match funding be provided in future reports.
""",
        resolutions=[
            resolved("That the Panel notes the report.", NOTED, 1),
            resolved(
                "That the Panel requests that the value for money evaluation be amended to "
                "include potential savings from wider factors.",
                REQUEST,
                2,
            ),
            resolved(
                "That the Panel requests that details be provided as to how the OPCC had been "
                "working with Commissioners to look into a range of different domestic abuse "
                "services.",
                REQUEST,
                3,
            ),
            resolved(
                "That the Panel requests that details of match funding be provided and be "
                "included in future reports.",
                REQUEST,
                4,
            ),
        ],
    ),
    item(
        "13",
        "Corporate Governance Board report",
        """
The Panel received a report to provide an update of the Corporate Governance Board and the
oversight of Leicestershire Police performance by the Police and Crime Commissioner for
Leicester, Leicestershire and Rutland and his Office.

The PCC presented the report, it was noted that this was an ongoing process with the PCC and
Chief Constable regularly meeting. The Corporate Governance Board was the formal means of doing
this work where the Chief Constable could bring reports and the PCC could ask for reports on
areas of concern.

In response to questions from Panel Members it was noted that, with regard to figures on
burglaries, there had been an issue in Oadby and Wigston, a special operation on this had
resulted in several arrests and it was hoped that the issue would now tail off.

It was also noted that in future, reports from all previous meetings would be included in the
report. Future reporting would also include follow-ups on actions arising from the meetings.

In response to a question on Transit Camps it was noted that conversations with the Districts
were ongoing.
""",
        resolutions=[resolved("That the Panel notes the report.")],
    ),
    item(
        "14",
        "Work programme",
        """
It was requested that the slavery report scheduled for October include considerations of
asylum seekers including details of Operation Tacit.

It was suggested that the Panel in future consider how the PCC would overview reforms to the
Police's approach to mental health.

It was requested that to help new Panel Members, whenever a term was first used that it be used
in full with the acronym in brackets, and then referred to with the acronym instead of the
acronym being used all the way through with no explanation.
""",
    ),
    item(
        "15",
        "Any other urgent business",
        "There being no other business the meeting closed at 1.46pm.",
    ),
]

JULY_26_ATTENDANCE = [
    ("deborah-taylor", PRESENT, "Chair", True),
    ("sarah-russell", PRESENT, "Vice-Chair", False),
    ("agath", PRESENT, "", False),
    ("allnatt", PRESENT, "", False),
    ("blackshaw", PRESENT, "", False),
    ("clarke", PRESENT, "", False),
    ("joannou", PRESENT, "", False),
    ("loydall", PRESENT, "", False),
    ("mullaney", PRESENT, "", False),
    ("phillimore", PRESENT, "", False),
    ("wise", PRESENT, "", False),
    ("parisha-chavda", PRESENT, "Independent Member", False),
    ("salma-manzoor", PRESENT, "Independent Member", False),
    ("wyatt", APOLOGIES, "", False),
    ("rupert-matthews", IN_ATTENDANCE, "Police and Crime Commissioner", False),
    ("rani-mahal", IN_ATTENDANCE, "Deputy Police and Crime Commissioner", False),
    # The minutes print her post as "Director of Performance and Governance".
    ("elizabeth-starr", IN_ATTENDANCE, "Director of Performance and Governance", False),
    ("kamal-adatia", ALSO_PRESENT, "Monitoring Officer", False),
    ("jacob-mann", ALSO_PRESENT, "Senior Democratic Support Officer", False),
]

# --- The Panel: 10 August 2023 (confirmation hearing) -------------------------------------

AUGUST_10_ITEMS = [
    item(
        "1",
        "Welcome and introductions",
        "The Chair welcomed those present and explained the procedure for the meeting.",
    ),
    item(
        "2",
        "Apologies for absence",
        """
Apologies for absence were received from Councillor Blackshaw, Councillor Phillimore,
Councillor Clarke, Councillor Loydall and Councillor Wise.

The Chair noted the absence of a number of members who had not given their apologies.

It was confirmed that the meeting was quorate for the purpose of continuing with the business
on the agenda.
""",
    ),
    item(
        "3",
        "Declarations of interest",
        """
Members were asked to disclose any pecuniary or other interests they may have in the business
to be discussed.

There were no such declarations.
""",
    ),
    item(
        "4",
        "Confirmation hearing for appointment to the role of Chief Executive Officer",
        """
Following notification from the Police and Crime Commissioner of his intention to appoint a
preferred candidate, Claire Trewartha to the role of Chief Executive Office the Panel held a
Confirmation Hearing in accordance with Schedule 1 of the Police Reform and Social
Responsibility Act 2011.

The Panel received a report setting out the powers of the Panel and the process to be followed
in the Confirmation Hearing.

The Panel noted the information provided by the Police and Crime Commissioner relating to the
appointment of the Chief Executive Officer which included:

- The name of the preferred candidate and her experience and background,
- A statement from the Commissioner stating why the preferred candidate met the criteria of the
  role,
- The candidates CV (exempt),
- A job description.

The Police and Crime Commissioner addressed the panel and gave an overview of the recruitment
process undertaken to select his preferred candidate and stating why the preferred candidate
met the criteria for the role.

The Police and Crime Commissioner commended Claire Trewartha to the Panel.

The Panel asked the Police and Crime Commissioner several questions, this included seeking
assurance as to the fairness and transparency of approach taken to this appointment.

The Panel then asked a series of robust questions of the candidate related to her professional
competence and personal independence, the answers to which enabled Members to evaluate her
suitability for the role. At the end of the questioning the Chair thanked the candidate for her
responses and provided an opportunity to clarify any responses given.

The Chair announced that the Panel's resolution would be notified to the Police and Crime
Commissioner and confirmed in writing as specified by relevant legislation.

The Chair then asked all, but Members of the Panel and the Panel's support officers to withdraw
from the meeting.
""",
        resolutions=[
            resolved(
                "That the press and members of the public be excluded from the meeting during "
                "the Panel's deliberations on the grounds their presence would likely involve "
                "the disclosure of exempt information as defined in paragraphs 1 and 3 of "
                "Schedule 12A of Part 1 of the Local Government Act 1972.",
                PROCEDURAL,
            )
        ],
        papers=[
            paper(
                "Report setting out the powers of the Panel and the confirmation hearing process"
            ),
            paper("Statement from the Commissioner on the preferred candidate"),
            paper("Job description: Chief Executive Officer"),
            paper("The candidate's CV", is_restricted=True),
        ],
    ),
    item(
        "5",
        "Private session",
        """
The Panel held exempt discussions and examined the evidence provided in the Confirmation
Hearing session.

The Panel assessed the candidate's ability based upon her suitability to undertake the role.

Members noted the candidate's wealth of experience working in other senior roles and the
proficiency she would bring to this role.

Members felt that the candidate was very credible and met the standards of professional
competence and personal independence necessary to undertake the role in a confident manner.

On the basis of the information provided by the Police and Crime Commissioner, the candidate's
responses to robust and varied questioning and the discussion during deliberations the Panel
supported the proposed appointment.
""",
        confidentiality=EXEMPT,
        exempt_paragraphs="1,3",
        resolutions=[
            resolved(
                "That the proposed appointment of the candidate, Claire Trewartha, be supported.",
                ELECTION,
            )
        ],
    ),
    item(
        "6",
        "Any other urgent business",
        "There being no further business the meeting closed at 11.32am",
    ),
]

AUGUST_10_ATTENDANCE = [
    ("deborah-taylor", PRESENT, "Chair", True),
    ("sarah-russell", PRESENT, "Vice-Chair", False),
    ("allnatt", PRESENT, "", False),
    ("joannou", PRESENT, "", False),
    ("agath", PRESENT, "", False),
    ("blackshaw", APOLOGIES, "", False),
    ("phillimore", APOLOGIES, "", False),
    ("clarke", APOLOGIES, "", False),
    ("loydall", APOLOGIES, "", False),
    ("wise", APOLOGIES, "", False),
    # The members absent without apologies are not named, so no "absent" rows are recorded.
    ("rupert-matthews", IN_ATTENDANCE, "Police and Crime Commissioner", False),
    ("claire-trewartha", IN_ATTENDANCE, "Preferred candidate", False),
    ("pretty-patel", ALSO_PRESENT, "Head of Law", False),
    ("rachel-heggs", ALSO_PRESENT, "Resourcing Consultant (HR)", False),
    ("anita-james", ALSO_PRESENT, "Senior Democratic Support Officer", False),
    ("jacob-mann", ALSO_PRESENT, "Senior Democratic Support Officer (shadowing)", False),
]

# --- The Panel: 9 October 2023 (the agenda) -----------------------------------------------

# The agenda prints each item's first page in the pack; an item runs to the page before the
# next item starts. The last item's end page is not printed.
OCTOBER_9_ITEMS = [
    item("1", "Apologies for absence"),
    item(
        "2",
        "Declarations of interest",
        description="Members will be asked to declare any interests they have in the business "
        "on the agenda.",
    ),
    item(
        "3",
        "Minutes of the last meeting",
        # The agenda calls 26 July an "Ordinary Meeting"; its minutes show the annual business
        # (election of Chair and Vice-Chair, membership), so it is recorded as the annual
        # meeting.
        description="The minutes of the following meetings held on 26 July 2023 (Ordinary "
        "Meeting) and 10 August 2023 (Confirmation Hearing for appointment to the role of Chief "
        "Executive Officer) are attached and Members will be asked to confirm they are an "
        "accurate record.",
        page_range="1-14",
        papers=[
            paper("Minutes of the meeting held on 26 July 2023"),
            paper("Minutes of the Confirmation Hearing held on 10 August 2023"),
        ],
    ),
    item("4", "Public questions", description="None received."),
    item(
        "5",
        "Commissioner's update to Police and Crime Panel",
        description="Members to receive a report to provide the panel with an update on the "
        "activities undertaken by the Commissioner, his deputy and OPCC in relation to the "
        "delivery of the Police and Crime Plan and the Commissioner's statutory duties covering "
        "the period June 2023 – Sept 2023.",
        page_range="15-20",
        papers=[
            paper("Commissioner's update to Police and Crime Panel", OPCC_REPORT, STARR_AUTHOR)
        ],
    ),
    item(
        "6",
        "Police and Crime Commissioner Annual Report 2022/23",
        description="Members to receive a report to present the draft Annual Report (Appendix A) "
        "for the Police and Crime Commissioner for Leicestershire for the period of 1st April "
        "2022 to the 31st March 2023 in accordance with Section 12 of the Police Reform and "
        "Social Responsibility Act 2011 (PRSRA).",
        page_range="21-36",
        papers=[
            paper(
                "Police and Crime Commissioner Annual Report 2022/23",
                "Police and Crime Commissioner",
                "Lizzie Starr, Director of Governance and Performance",
            ),
            paper("Appendix A: Annual Report 2022-23 (draft)", "Police and Crime Commissioner"),
        ],
    ),
    item(
        "7",
        "Police and Crime Commissioner Strategy Report – Estates Insight Report",
        description="Members to receive a report to give an update on the current Police Estate; "
        "providing an update on the current capital programme, ongoing projects and S106.",
        page_range="37-42",
        papers=[
            paper(
                "Police and Crime Commissioner Strategy Report – Estates Insight Report",
                "Office of the Police and Crime Commissioner",
                HUGHES_AUTHOR,
            )
        ],
    ),
    item(
        "8",
        "Modern Day Slavery and Human Trafficking",
        description="Members to receive a report to provide the panel with an update on the "
        "Forces positions with regards to Modern slavery and Human Trafficking (MSHT).",
        page_range="43-46",
        papers=[paper("Modern Day Slavery and Human Trafficking", OPCC_REPORT, STARR_AUTHOR)],
    ),
    item(
        "9",
        "Domestic Abuse and Violence Against Women and Girls update",
        description="Members to receive a report to provide the panel with an update on the data, "
        "activities and outcomes relating to Domestic abuse (DA) and Violence Against Women and "
        "Girls (VAWG).",
        page_range="47-58",
        papers=[
            paper(
                "Domestic Abuse and Violence Against Women and Girls Update",
                OPCC_REPORT,
                STARR_AUTHOR,
            )
        ],
    ),
    item(
        "10",
        "Corporate Governance Board report",
        description="Members to receive a report to provide the Panel with an update of the "
        "Corporate Governance Boards held in April 2023, June 2023 and July 2023, and the "
        "oversight of Leicestershire Police performance by the Police and Crime Commissioner for "
        "Leicester, Leicestershire and Rutland and his Office.",
        page_range="59-114",
        papers=[
            paper(
                "Corporate Governance Board Report",
                "Police and Crime Commissioner",
                "Lizzie Starr, Director of Governance and Performance & Clare Hornbuckle, "
                "Evaluation and Scrutiny Officer",
            ),
            paper(
                "Appendix 1: Corporate Governance Report – April 23",
                "Police and Crime Commissioner",
            ),
            paper(
                "Appendix 2: Corporate Governance Report – June 23", "Police and Crime Commissioner"
            ),
            paper(
                "Appendix 3: Corporate Governance Report – July 23", "Police and Crime Commissioner"
            ),
            # The pack's text shows "PAPER MARKED" above this paper with the marking itself
            # lost in conversion: the default marking stands until checked against the PDF.
            paper(
                "Appendix 4: East Leicester Review Briefing Paper",
                "Chief Constable",
                "Deputy Chief Constable David Sandall",
            ),
        ],
    ),
    item(
        "11",
        "Efficiency Savings 2023-24",
        description="Members to receive a report which outlines the approach taken to address "
        "the in-year budget gap of £3.9 million and the in-year savings that will be achieved.",
        page_range="115-118",
        papers=[
            paper(
                "Efficiency Savings 2023-24",
                "Office of the Police and Crime Commissioner",
                HUGHES_AUTHOR,
            )
        ],
    ),
    item(
        "12",
        "Recruitment and Retention Annual Report",
        description="Members to receive a report to provide the Police and Crime Panel the "
        "updated annual recruitment and retention report of Leicestershire Police.",
        page_range="119-140",
        papers=[
            paper(
                "Recruitment and Retention Annual Report",
                "Office of the Police and Crime Commissioner",
                "Lizzie Starr, Director of Governance and Performance",
            ),
            paper(
                "Annual Recruitment and Retention Report (to the Corporate Governance Board, "
                "25 September 2023)",
                "Chief Constable",
                "Alastair Kelly, ACO People; Teresa Keegan, Senior HR Business Partner; "
                "James Lindsay, HR Business Information Officer",
            ),
        ],
    ),
    item(
        "13",
        "Work programme",
        description="Members will be asked to note the work programme and consider any future "
        "items for inclusion.",
        page_range="141",
        papers=[paper("The LLR Police and Crime Panel's Work Programme 2023-2024")],
    ),
    item(
        "14",
        "Date of next meeting",
        description="The next meeting is to be held on Wednesday 13 December at 1pm, location to "
        "be confirmed. Dates for 2024 will be set in consultation with the Chair and Vice-Chair "
        "and Members will be notified as soon as they are confirmed.",
    ),
    item("15", "Any other urgent business"),
]

# --- The Corporate Governance Board ---------------------------------------------------------


def section(number, title, text="", heading="", **extra):
    """A section of a board report: the heading of its part goes in the description."""
    return item(number, title, text, description=heading, **extra)


CGB_OVERVIEW = (
    "The Corporate Governance Board was established in November of 2021, in replacement of the "
    "Strategic Assurance Board. The CGB is attended by both the OPCC and the Chief Officer Team"
)
CGB_PURPOSE = (
    "The purpose of the CGB is to enable the Commissioner to effectively hold the Chief "
    "Constable to account by receiving and challenging briefings provided by the Chief Officer "
    "team, and presenting these conclusions to the Police and Crime Panel, in line with the "
    "Corporate Governance Accountability Strategy developed in 2021. Each section gives an "
    "overview of the issue, the force update and the Police and Crime Commissioner's response."
)
EMERGING = "Emerging national and local policing issues"
PERFORMANCE = "Operational performance"
FINANCE = "Finance"
CHANGE = "Change and transformation"
PEOPLE_HEADING = "People"
HMICFRS = "HMICFRS"
AOB = "Any other business"

APRIL_ITEMS = [
    section(
        "1",
        "Overview, attendance and purpose",
        f"""
{CGB_OVERVIEW}, meeting every 4 weeks as of March 2023 (previously 8 weeks) to discuss and
highlight the performance of Leicestershire Police force. Below is a report detailing the
discussions of the meeting held on the 20th March 2023.

{CGB_PURPOSE}
""",
    ),
    section(
        "2",
        "Actions arising and operational updates",
        """
Overview: For each Corporate Governance Board, the Chief Officer Team provide the Chair and
board with a summary of operational activity: bullet point summaries of key updates such as
successful operations, arrests and charges.

Force update: The board received a paper containing a summary of operational activity from 1st
March 2023 - 3rd April 2023. The report detailed 8 excellent achievements by Leicestershire
Police over the course of the month such as successful county lines operations and details of
successful charges for a number of serious crimes.

PCC response: The Chair congratulated the CC on the excellent work achieved and asked that he
writes to the officers and staff involved passing on the PCC's thanks and appreciation for their
efforts and the work involved. CC Nixon informed the board that he would write to officers and
staff involved in force operations and pass on the message of thanks.
""",
    ),
    section(
        "3.i",
        "Casey Review",
        """
Overview: The Metropolitan Police Service appointed Baroness Louise Casey to lead an independent
review of its culture and standards of behaviour. The review began in February 2022 and
concluded with final findings published in March 2023, highlighting key themes including
racism, homophobia, sexism and misogyny; discrimination and bullying; governance, scrutiny and
accountability; misconduct and grievances; recruitment, retention and progression; and
neighbourhood policing and engagement.

Force update: The board received a paper from the COT which outlined the force's intentions
regarding the Casey Review. While the majority of recommendations are directed at the
Metropolitan Police, many areas require Leicestershire to 'sense check' its own practices,
policies and procedures; the review is being collated into a business tracker within the Change
Team, with the Professional Standards Department, Race Action Plan Group and VAWG coordination
board involved in its delivery. CC Nixon said the team would insert benchmarks as to what the
recommendations mean to the force, and the records would then be transferred into the trust and
confidence report.

PCC response: The Commissioner thanked the COT for the report, however noted that beside all of
the recommendations outlined in the report, the 'Leicestershire evidence' and 'actions' tabs
were blank. CC Nixon confirmed that this would be populated going forward.
""",
        EMERGING,
    ),
    section(
        "3.ii",
        "Mutual Aid",
        """
Overview: The Strategic Policing Requirement sets out that policing should maintain the capacity
and capability to respond effectively to national threats across force boundaries. The NPCC
recommends a 'framework of principles' for tier 3 mutual aid mobilisations.

Force update: The board received a paper from the COT outlining the Force's Mutual Aid Framework
of Principles for national and international deployment, agreed at the Chief Constables
Council in March 2022 and adopted by the Operation Unity Planning Team during the summer of 2022.

PCC response: The Commissioner noted the report and raised no comment.
""",
        EMERGING,
    ),
    section(
        "3.iii",
        "Revelation CPS",
        """
Overview: The Crown Prosecution Service Disclosure Manual (revised 2 August 2022) contains
operational instructions on the disclosure of unused material to the defence.

Force update: The board received the national guidance report on Revelation CPS and was informed
that the force is formally accepting and adopting the approach.

PCC response: The Chair noted the report.
""",
        EMERGING,
    ),
    section(
        "4.i",
        "Domestic Abuse",
        """
Overview: Domestic Abuse (including Stalking and Harassment) is a Strategic Priority as part of
the Force's 2022/23 Control Strategy.

Force update: The COT provided the Chair with an update report on Domestic Abuse figures across
LLR. DCC David Sandall talked the board through the report. CC Nixon informed the board that
the report is very data heavy and required additional context. The report contained data which
cannot be put in the public domain; a redacted version has been produced by the OPCC for the
Police and Crime Panel.

PCC response: The Chair welcomed a revised version of the paper with additional context. Mr
Andrew Champness (interim CEO) queried whether current accreditation guidance on perpetrator
courses would have a significant impact on Out of Court Resolutions, which the board
acknowledged for monitoring. Mrs Rani Mahal (Deputy PCC) noted the positive outcome of the DART
team, and the PCC congratulated the force for the upward arrest trend.
""",
        PERFORMANCE,
    ),
    section(
        "4.ii",
        "Force Homicide Profile",
        """
Overview: All forces have been asked to compile a Homicide profile for years 2019-2022 which
has been submitted to the NPCC for national analysis.

Force update: The board received a paper from the CC. The report is marked as Official Sensitive
and therefore the content cannot be shared outside of the CGB.

PCC response: Comments cannot be included as the item is marked as official sensitive.
""",
        PERFORMANCE,
        confidentiality=OFFICIAL_SENSITIVE,
    ),
    section(
        "4.iii",
        "Violence Against Women and Girls (VAWG)",
        """
Overview: VAWG remains a priority area for Leicestershire Police, with a dedicated force lead,
and a standing agenda item on the Corporate Governance Board.

Force update: The board received a paper from the CC. The report is marked as Official Sensitive
and therefore the content cannot be shared outside of the CGB.

PCC response: Comments cannot be included as the item is marked as official sensitive.
""",
        PERFORMANCE,
        confidentiality=OFFICIAL_SENSITIVE,
    ),
    section(
        "5.i",
        "Digital, Data and Technology Strategy",
        """
Force update: The board received the digital, data and technology strategy authored by the
Force, setting out the context, planned approach and implementation. The roadmap outlined plans
for MS Teams, Power BI, cloud capabilities and advanced analytics, and a plan for governance of
the strategy with highlight reports to the Corporate Governance Board. The full report is marked
official and cannot be included in the appendix.

PCC response: The report was noted by the Chair.
""",
        FINANCE,
    ),
    section(
        "5.ii",
        "Transport Strategy",
        """
Overview: The Leicestershire Police Transport Strategy 2022-23 outlines the Force's plan for a
safe, fit for purpose, economic, eco-efficient transportation solution.

Force update: The board received the Transport Strategy 22-23, setting out its key enablers
(value for money, use of technology, reduced carbon footprint, collaboration) and the force's
principles for transport, with brief explanations of 19 key areas such as utilisation of
resources, running costs and electrification of vehicles.
""",
        FINANCE,
    ),
    section(
        "5.iii",
        "Value for Money profiles – presentation from the Force",
        """
Overview: The PCC requested that the force deliver an updated Value for Money profile from the
HMICFRS national dashboards, which compare the force with its most similar forces.

Force update: The Force delivered a presentation to the board using the value for money
dashboards, an updated version of one previously seen; further analytical work is ongoing.

PCC response: The Chair found the presentation unhelpful, stating that it was a comparison
against other forces rather than an assessment of value for money. The Chair was also concerned
that the data was 2 years out of date and wanted to know how the public could be assured that
they are getting value for money.
""",
        FINANCE,
    ),
    section(
        "6.i",
        "Force's accreditation approach",
        """
Overview: Forensic units are assessed by the United Kingdom Accreditation Service (UKAS) against
international standards such as ISO17025; the force pays for each element of the inspection and
accreditation process. Discussions are ongoing with the Force regarding the cost pressures of
UKAS accreditations.

Force update: The COT report set out the significant financial implications of accreditation,
the review of the Forensic Capability Network's (FCIN) service offer and the three national
options presented to the National Police Chiefs Council in late 2022. The local position is
Option 2. Current training forecasts for next year sit at £108,585 and have been catered for
within the force training budget.

PCC response: The report was noted by the Chair.
""",
        CHANGE,
    ),
    section(
        "7.i",
        "National Data Wash – Police Chiefs Council results",
        """
Overview: Like every force nationally, Leicestershire Police are undertaking a historical data
wash of Police National Database records against the HR records of their staff.

Force update: The board received a report updating the Chair on the vetting requirements; the
force is on track with the timeline, compliant with the process, and currently in phase 2.

PCC response: The report was noted by the Chair.
""",
        PEOPLE_HEADING,
    ),
    # The contents list "Audit Report – Fraud and Corruption" and "New Risks" under this part;
    # the body of the report has only the sentence below.
    section(
        "8",
        "Corporate risk",
        "Force update: New risks will be discussed at a later date at the Joint Audit Risk "
        "Assurance Panel (JARAP).",
    ),
    section(
        "9.i",
        "Digital 9 Recommendation Review",
        """
Overview: HMICFRS released a report on 1st December 2022 following an inspection into police
forces' use of digital forensics. The Commissioner published his response within the statutory
56 days; the force informed him that 2 new posts had been recruited to the digital hub.

Force update: The board received a report written by D/Supt Gibson and DCI Fletcher updating
the board on the force's progress against the recommendations, including governance and
scrutiny meetings, a Digital Forensic Transformation Management Project and training plans.

PCC response: The Chair noted the report.
""",
        HMICFRS,
    ),
    section("10", "Any other business", "None raised."),
]

JUNE_ITEMS = [
    section(
        "1",
        "Overview, attendance and purpose",
        f"""
{CGB_OVERVIEW}, meeting every 8 weeks to discuss and highlight the performance of
Leicestershire Police force. Below is a report detailing the discussions of the meeting held on
the 21st June 2023.

{CGB_PURPOSE}
""",
    ),
    section(
        "2",
        "Operational updates",
        """
Overview: The Chief Officer Team (COT) provide the board with a summary of operational updates
for the time period between corporate governance boards.

Force update: The COT provided an operational summary, outlining a number of successful
operations and arrests in Leicester, Leicestershire and Rutland. The contents of the summary
cannot be included in the report as these typically contain information which is not in the
public domain and cannot be shared.

PCC response: The Commissioner noted the report and thanked the board.
""",
    ),
    section(
        "3.i",
        "East Leicester Review update",
        """
Overview: In August 2022, disorder spread throughout East Leicester following the India v.
Pakistan cricket match on 28 August, with unrest around Belgrave and Spinney Hills for over a
fortnight and 73 arrests over the period.

Force update: The board received a report from the Chief Officer Team on progress against
thirty-eight recommendations. Due to confidentiality reasons, the report can't be published for
the public; the force will work with Lizzie Starr from the OPCC to develop an update report
suitable for the police and crime panel and the public domain. Seventeen of the recommendations
have already been completed. The DCC updated that a national review is now being conducted and
that updates for the board should align with it.

PCC response: The Chair understands that the report can't be published for the public, but
would like to update the panel on the progress being made regarding the review.
""",
        EMERGING,
    ),
    section(
        "4.i",
        "Stalking",
        """
Overview: Stalking figures have increased significantly within the past 3 years, mainly because
of crime data integrity improvements and changes to the Home Office counting rules; as of June
2023 only the principal crime is recorded for stalking, harassment and coercive behaviour.

Force update: The board received a report from the Chief Officer Team: eighty-four percent of
stalking reports within the force are within relationships and related to domestic abuse. A
scrutiny panel found the Force were not applying for Stalking Protection Orders; all CID and
neighbourhood officers have since received specific additional training. A gap has been
highlighted within the commissioning of stalking support services: within the Criminal Justice
System there are no early interventions.

PCC response: The Chair requested that graphs within reports are appropriately labelled, and
asked about victim support while victims wait for an order to be actioned.
""",
        PERFORMANCE,
    ),
    section(
        "5.i",
        "POCA update",
        """
Force update: The board were presented a paper by ACO Paul Dawkins on the POCA funds.

PCC response: The Chair asked why there was a drop in POCA funds; the board explained the
difference between confiscated and forfeited items and that the Force recovers 35% more than
other regional forces thanks to its dedicated team. The board agreed that the ongoing costs of
the POCA team must reflect the 2% pay increase. The Chair stated that the money being seized
needs to be used on things that the public can see. The board agreed that a further discussion
was needed about the use of surplus money; a meeting has been scheduled between the PCC, DCC
Sandall, CFO Kira Hughes and ACFO Paul Dawkins.
""",
        FINANCE,
        resolutions=[
            resolved(
                "The board agreed to note that the POCA fund investments for 2023/24 are on "
                "track to be delivered.",
                NOTED,
                1,
            ),
            resolved(
                "The board agreed to note that the principles regarding sustainable and prudent "
                "management of the POCA fund are being achieved, however the financial future "
                "remains uncertain and dependent on future asset recovery.",
                NOTED,
                2,
            ),
        ],
    ),
    section(
        "5.ii",
        "Provisional outturn",
        """
Force update: The board were presented with the provisional outturn position for 2022/23 by ACO
Paul Dawkins. A detailed analysis of the year end commitments was provided to the OPCC.

PCC response: The Chair queried the PCSO staffing level, which appears to have reduced and does
not correspond to the budget set (188 FTE). The Force manages vacancies through strategic
vacancy management and cannot currently afford to recruit back up to the budget. The Chair
stated that the reduction of PCSOs should not be greater than the average reduction across all
staff, given their importance to visibility and public trust; the Force advised that no
reduction was not achievable and that recruiting the control room was the main priority.
""",
        FINANCE,
        resolutions=[
            resolved(
                "The Board agreed to the 2022/23 provisional outturn position subject to "
                "satisfied queries raised by the Chair. The contents of the report noted.",
                APPROVED,
            )
        ],
    ),
    section(
        "5.iii",
        "Efficiency savings",
        """
Force update: The Board were presented with a report outlining the approach used to address the
in-year budget gap of £3.9 million, including carrying an eight percent vacancy rate managed
through the Strategic Vacancy Management board. In-year savings at the end of May were £1.5
million, £1 million of which are sustainable savings.

PCC response: The Chair questioned the assumptions on pay rises, grants and precept scenarios;
a further meeting will be held between the COT and Kira Hughes to assess assumption scenarios
before the next CGB. The board agreed that a transformation paper will be presented to the board
in July, and a further update paper on departmental vacancy cuts in the October CGB. The Chair
raised concerns that the longer the transformation plan takes, the less time there is to
implement it before the budget is set.
""",
        FINANCE,
    ),
    # Listed in the report's contents; the body of the report records no discussion of it.
    section("5.iv", "Treasury management reports", "", FINANCE),
    section(
        "6.i",
        "Neighbourhood Active",
        """
Overview: Set up in 2019, Neighbourhood Active is a community patrol initiative in which vetted
volunteers carry out 'Engagement Walks' in their neighbourhoods.

Force update: The COT provided a detailed overview of the scheme: pilots in Lutterworth and East
Leicester from 2020, disrupted by Covid-19, a fall in volunteers by 2022, and an evaluation
planned for August 2022 that did not take place because of the disorder in East Leicester.

PCC response: The PCC has agreed to meet with ACC Adam Streets to discuss the pros and cons of
Neighbourhood Active and whether to continue with it; the decision needs to be made at the
earliest opportunity. The board agreed that this item was to be brought back to the September
CGB for a verbal update. The Chair advised that the Volunteer Neighbourhood Co-ordinator role
will be run by the OPCC with the National Neighbourhood Watch Organisation.
""",
        CHANGE,
    ),
    section(
        "7.i",
        "Upcoming retirements, succession planning",
        "Not discussed due to time constraints.",
        PEOPLE_HEADING,
    ),
    section("8", "Corporate risk", "Not discussed due to time constraints."),
    section(
        "9.i",
        "Police response to victims from ethnic minority backgrounds",
        "Not discussed due to time constraints. To be moved to July CGB.",
        HMICFRS,
    ),
    section(
        "10.i",
        "CGB forward plan",
        "Lizzie Starr and ACC David Sandall to update the CGB forward plan. The PCC advised that "
        "there were some big items to be discussed at the next CGB meeting and as such the board "
        "are planning to extend the July meeting.",
        AOB,
    ),
]

JULY_ITEMS = [
    # The report's overview says "the meeting held on the 20th July 2022"; its purpose
    # paragraph and heading say 17th July 2023, the date kept.
    section(
        "1",
        "Overview, attendance and purpose",
        f"""
{CGB_OVERVIEW}, meeting every 8 weeks to discuss and highlight the performance of
Leicestershire Police force. Below is a report detailing the discussions of the meeting held on
the 17th July 2023.

{CGB_PURPOSE}
""",
    ),
    section(
        "2",
        "Urgent business",
        """
A discussion took place regarding the frequency of CGB meetings: the force expressed the
struggle of having reports completed in time for monthly meetings. The Chair suggested that
meetings go forwards as bimonthly rather than monthly, with the cancelled dates kept in diaries
in case they are needed for urgent meetings. It was also agreed that December's CGB meeting
would be for finance related discussion only. The Chief Constable expressed gratitude on behalf
of the force for the decision to revert to every 8 weeks.

The force explained that operational summaries typically contain information which may be
mid-investigation and cannot be shared. It was agreed that this section would not be captured
in the minutes going forwards; the Chair asked whether the force could produce redacted
versions, which the Force was to consider for future boards.
""",
    ),
    section(
        "3",
        "Operational updates",
        "[Redacted]",
        "Redacted as unsuitable for public domain",
        confidentiality=REDACTED,
    ),
    section(
        "4.i",
        "East Leicestershire Review",
        """
Overview: The East Leicestershire Review is an item continued from the previous CGB.

Force update: The board received a report from the COT, however this is not suitable for the
public domain and has therefore been redacted from the report.

PCC response: The Chair would like a further discussion to be brought to the September CGB and
then a report to follow to the Police and Crime Panel.
""",
        "Closed section of meeting redacted as unsuitable for public domain (sensitive report "
        "with PCC only)",
        confidentiality=REDACTED,
    ),
    section(
        "5.i",
        "CGB performance update",
        """
Overview: Summaries of operational performance for the previous 8 weeks are routinely brought to
the CGB for the Chair, the public and the police and crime panel.

Force update: The COT report showed demand on the Contact Management Department continuing to
increase: May 2023 saw the highest ever volume of 999 calls, a 22.7% increase on the previous
year and 79.8% on three years ago. Median response times for Grade 1 and Grade 2 incidents (15
minutes and 2 hours) remain within expected times. Crime outcomes compare favourably nationally,
with Leicestershire an outlier for the highest use of out of court resolutions. Disproportionality
in stop and search for the black community has reduced. The number of children reported
missing has been steadily increasing and is higher than before the pandemic, a concern
requiring a partnership response.

PCC response: The Chair noted the paper.
""",
        PERFORMANCE,
    ),
    section(
        "6.i",
        "Medium Term Financial Plan (MTFP)",
        """
Force update: The board received an update report from ACO Paul Dawkins on the MTFP for the
financial year 2024/25 only, and was asked to agree preferred planning assumptions so that the
MTFP can be remodelled for 2024/28. The report set out strategic financial risks (pay and
non-pay inflation, police pensions, utilities, interest rates, vehicle fuel, staffing numbers)
and original, best case, most likely and worst case scenarios for 2024/25.

PCC response: The paper was noted.
""",
        FINANCE,
    ),
    section(
        "7.i",
        "Transformation update (presentation)",
        """
Overview: The board received a presentation on the Transformation and Sustainability Plan to
date and planned upcoming months, presented by the Chief Constable.

PCC response: The Chair noted that the budget had not shrunk but had not kept pace with
inflation; CC Rob Nixon agreed to change the wording on slide 2. CC Rob Nixon agreed to produce
a briefing note for the Chair on managing increased demand, to send the Chair the current
directorate staffing, to feed back options for signage at police stations, and to have MPs and
Council leaders present for the community focus groups. The Chief Constable wishes to get the
transformation and change pledge signed off by September 2023; queries on measuring success,
including services for rape victims, are to be readdressed at the September CGB.
""",
        CHANGE,
    ),
    section(
        "7.ii",
        "Neighbourhood Policing",
        """
Overview: The force provided a report on its position statement on neighbourhood policing; the
board was invited to note the report and the strong commitment and investment in neighbourhood
policing.

Force update: Leicestershire Police works to a Neighbourhood Policing Strategy written in 2019
and refreshed in 2022, underpinned by a practitioners' guide and taking full account of the
College of Policing's 2019 guidance. The report lists the governance groups and the metrics used
to assess the effectiveness of each Neighbourhood Policing Area.

PCC response: The PCC noted the paper.
""",
        CHANGE,
    ),
    section("7.iii", "Trust and Confidence", "Item deferred to later meeting date.", CHANGE),
    section(
        "8.i",
        "Annual recruitment and retention report",
        "Item deferred to September meeting.",
        PEOPLE_HEADING,
    ),
    section(
        "9",
        "Corporate risk",
        """
Overview: An update paper on the management of current strategic risks was brought to the board
by the COT.

Force update: The paper detailed 28 current risks open, 14 of which are high priority, with the
management of each strategic risk. The board was recommended to note the report.

PCC response: The Chair noted the report and raised no response.
""",
    ),
    section(
        "10.i",
        "Police Perpetrated Domestic Abuse – verbal update",
        "Item deferred to later meeting.",
        HMICFRS,
    ),
    section("11", "Any other business"),
]

CGB_ATTENDANCE_APRIL = [
    ("rupert-matthews", "Police and Crime Commissioner"),
    ("rani-mahal", "Deputy Police and Crime Commissioner"),
    ("kira-hughes", "Chief Finance Officer/Resource Manager"),
    ("andrew-champness", "Interim CEO"),
    ("b-morton", "Business Staff Officer"),
    ("rob-nixon", "Chief Constable"),
    ("david-sandall", "Dep. Chief Constable"),
    ("adam-streets", "Assistant Chief Constable"),
    ("paul-dawkins", "Assistant Chief Officer (Finance)"),
    ("alastair-kelly", "Assistant Chief Officer (Human Resources)"),
    ("c-kealey", "Head of Communications and Engagement"),
]
CGB_ATTENDANCE_JUNE = [
    ("rupert-matthews", "Police and Crime Commissioner"),
    ("rani-mahal", "Deputy Police and Crime Commissioner"),
    ("sehrish-hussain", "Business Staff Officer"),
    ("elizabeth-starr", "Director of Governance and Performance"),
    ("david-sandall", "Dep. Chief Constable"),
    ("adam-streets", "Assistant Chief Constable"),
    ("paul-dawkins", "Assistant Chief Officer (Finance)"),
    ("alastair-kelly", "Assistant Chief Officer (Human Resources)"),
]
CGB_ATTENDANCE_JULY = [
    ("rupert-matthews", "Police and Crime Commissioner"),
    ("rani-mahal", "Deputy Police and Crime Commissioner"),
    ("andrew-champness", "Interim CEO"),
    ("sehrish-hussain", "Business Staff Officer"),
    ("rob-nixon", "Chief Constable"),
    ("k-smith", "Assistant Chief Constable"),
    ("paul-dawkins", "Assistant Chief Officer (Finance)"),
    ("alastair-kelly", "Assistant Chief Officer (Human Resources)"),
    ("andrew-elliott", "Head of Change Team"),
    ("c-kealey", "Head of Communications and Engagement"),
]


def board_attendance(rows):
    # The Commissioner chairs the board: the reports give his responses as "the Chair's".
    return [(slug, PRESENT, role, slug == "rupert-matthews") for slug, role in rows]


# The minutes of 26 July and 10 August were published as drafts in the agenda pack for
# 9 October 2023, which is to confirm them; that meeting has not happened in this record.
MINUTES_NOTE = "Published as a draft in the agenda pack for the meeting of 9 October 2023."

CITY_HALL = "City Hall, Charles Street, Leicester"
WEBCASTS = "http://www.leicester.public-i.tv/core/portal/webcasts"

MEETINGS = [
    {
        "body": PANEL,
        "date": D(2023, 7, 26),
        "kind": Meeting.Kind.ANNUAL,
        "status": Meeting.Status.HELD,
        "start_time": T(13, 0),
        "end_time": T(13, 46),
        "no_declarations": True,
        "attendance": JULY_26_ATTENDANCE,
        "items": JULY_26_ITEMS,
        "minutes": "published",
    },
    {
        "body": PANEL,
        "date": D(2023, 8, 10),
        "kind": Meeting.Kind.CONFIRMATION,
        "title": "Confirmation Hearing for appointment to the role of Chief Executive Officer",
        "status": Meeting.Status.HELD,
        "start_time": T(10, 30),
        "end_time": T(11, 32),
        "venue": CITY_HALL,
        "no_declarations": True,
        "quorate": True,
        "attendance": AUGUST_10_ATTENDANCE,
        "items": AUGUST_10_ITEMS,
        "minutes": "published",
    },
    {
        "body": PANEL,
        "date": D(2023, 10, 9),
        "kind": Meeting.Kind.ORDINARY,
        "status": Meeting.Status.SCHEDULED,
        "start_time": T(13, 0),
        "venue": "Meeting Rooms G.01 and G.02, Ground Floor, City Hall, 115 Charles Street, "
        "Leicester, LE1 1FZ",
        "webcast_url": WEBCASTS,
        "items": OCTOBER_9_ITEMS,
    },
    {
        # "The next meeting is to be held on Wednesday 13 December at 1pm, location to be
        # confirmed" (agenda of 9 October, item 14); the work programme plans its business.
        "body": PANEL,
        "date": D(2023, 12, 13),
        "kind": Meeting.Kind.ORDINARY,
        "status": Meeting.Status.SCHEDULED,
        "start_time": T(13, 0),
    },
    {
        # The report is headed "19th April 2023" but its overview says it details "the meeting
        # held on the 20th March 2023" (and the Estates report dates the Estates Strategy's
        # approval at CGB to 20 March 2023). The heading's date is kept: check the original.
        "body": CGB,
        "date": D(2023, 4, 19),
        "kind": Meeting.Kind.BOARD,
        "status": Meeting.Status.HELD,
        "attendance": board_attendance(CGB_ATTENDANCE_APRIL),
        "items": APRIL_ITEMS,
    },
    {
        "body": CGB,
        "date": D(2023, 6, 21),
        "kind": Meeting.Kind.BOARD,
        "status": Meeting.Status.HELD,
        "attendance": board_attendance(CGB_ATTENDANCE_JUNE),
        "items": JUNE_ITEMS,
    },
    {
        "body": CGB,
        "date": D(2023, 7, 17),
        "kind": Meeting.Kind.BOARD,
        "status": Meeting.Status.HELD,
        "attendance": board_attendance(CGB_ATTENDANCE_JULY),
        "items": JULY_ITEMS,
    },
]

# --- The Panel's work programme 2023-24 (the last pages of seed 001) -----------------------
# The converted table puts some comments on the wrong row; each comment is kept with the
# item it plainly describes (e.g. "a broader overview of crime against women" with VAWG).

WP = WorkProgrammeEntry
WORK_PROGRAMME = [
    *(
        (D(2023, 7, 26), WP.Kind.ITEM, WP.Status.CONSIDERED, title, comments)
        for title, comments in (
            ("Election of Chair and Vice-Chair", ""),
            ("Panel Membership", ""),
            (
                "Panel's Annual Report (2022-23)",
                "Providing an overview of the panel's work for the previous year",
            ),
            (
                "Prevent Strategy and Hate Crime Strategy update report",
                "To provide update on targeted interventions and to correspond with any or "
                "strategy review",
            ),
            (
                "S106 Funding update post review",
                "PCC to provide update on progressing s106 funds following the Panel review "
                "findings and recommendations.",
            ),
            ("People Zones update report", "To be included in OPCC generic update report"),
            (
                "Local Criminal Justice Board – progress report",
                "To be included in OPCC generic update report",
            ),
            (
                "Domestic Abuse Perpetrator Intervention Programme status update",
                "To include details of the evaluation of the current service provision given to "
                "the Home Office",
            ),
        )
    ),
    *(
        (D(2023, 10, 9), WP.Kind.ITEM, WP.Status.PLANNED, title, comments)
        for title, comments in (
            ("Police and Crime Plan update report", ""),
            ("PCC's Annual Report", ""),
            ("PCC Strategy Report – Estates", "Insight report"),
            ("Modern Day Slavery/Human Trafficking Report", ""),
            (
                "Violence against women and girls",
                "To provide a broader overview of crime against women and initiatives to "
                "improve women and girls' confidence in policing. To include update on extra "
                "checks against existing officers in light of recent national events.",
            ),
            ("OPCC Corporate Governance Board update", ""),
            ("Efficiency Savings fin yr 2023-24 progress update report", ""),
            (
                "Recruitment and Retention update report",
                "Including force demographics BAME, ESOL recruit/promotion; explore reasons for "
                "officers leaving in the first 2 years of service and challenges of gaps in "
                "experience.",
            ),
        )
    ),
    *(
        (D(2023, 12, 13), WP.Kind.ITEM, WP.Status.PLANNED, title, comments)
        for title, comments in (
            ("Police and Crime Plan update report", "To include data and performance metrics"),
            (
                "Complaints against Police and Crime Commissioner Annual Report",
                "Monitoring Officer to provide an overview of complaint activity",
            ),
            ("Police and Crime Panel Constitution – Terms of Reference review", ""),
            ("OPCC Corporate Governance Board update", ""),
        )
    ),
    *(
        (None, WP.Kind.SUGGESTED, WP.Status.TO_BE_SCHEDULED, title, comments)
        for title, comments in (
            (
                "Emergency Services Network update",
                "To provide update on timeline for implementation and budget impacts as "
                "programme progresses",
            ),
            ("Ethics and Transparency Panel update", ""),
            ("Annual Report for Independent Custody Visitors (2022/23)", ""),
            (
                "East Midlands Regional Collaboration Programme report",
                "To include a complete overview of the programme and collaborative arrangements",
            ),
            ("Leicestershire Academy summary overview", ""),
        )
    ),
    (
        None,
        WP.Kind.VISIT,
        WP.Status.TO_BE_SCHEDULED,
        "Panel visit to the Leicestershire Force Academy",
        "Panel secretariat to liaise on dates (Sept/Oct 2023)",
    ),
    (
        None,
        WP.Kind.VISIT,
        WP.Status.TO_BE_SCHEDULED,
        "Panel visit to a commissioned service",
        "Panel secretariat to liaise on dates (November 2023)",
    ),
]

# --- Loader ---------------------------------------------------------------------------------


def _get_or_create(model, lookup, values=None):
    """The row matching ``lookup``, created (validated first) when missing."""
    existing = model.objects.filter(**lookup).first()
    if existing is not None:
        return existing, False
    obj = model(**lookup, **(values or {}))
    obj.full_clean()
    obj.save()
    return obj, True


def _load_people():
    people = {}
    for data in PEOPLE:
        fields = {k: v for k, v in data.items() if k != "aliases"}
        slug = fields.pop("slug")
        found, _ = _get_or_create(Person, {"slug": slug}, fields)
        people[slug] = found
        for name in data["aliases"]:
            normalised = normalise_name(name)
            if not found.aliases.filter(normalised=normalised).exists():
                alias = PersonAlias(person=found, name=name, normalised=normalised)
                alias.full_clean()
                alias.save()
    return people


def _load_memberships(bodies, people):
    panel = bodies[PANEL]
    for data in PANEL_MEMBERSHIPS:
        lookup = {
            "person": people[data["person"]],
            "body": panel,
            "role": data["role"],
            "start_date": data.get("start_date", YEAR_START),
        }
        values = {k: data[k] for k in ("council", "party", "end_date", "title") if k in data}
        _get_or_create(Membership, lookup, values)
    for slug, title, start in CGB_ATTENDEES:
        lookup = {
            "person": people[slug],
            "body": bodies[CGB],
            "role": Role.ATTENDEE,
            "title": title,
        }
        _get_or_create(Membership, lookup, {"start_date": start})


def _load_items(meeting, items):
    for order, data in enumerate(items, start=1):
        values = {
            key: data[key]
            for key in (
                "number",
                "title",
                "description",
                "minutes_text",
                "confidentiality",
                "exempt_paragraphs",
                "page_range",
            )
            if key in data
        }
        agenda_item, _ = _get_or_create(AgendaItem, {"meeting": meeting, "order": order}, values)
        for resolution in data["resolutions"]:
            _get_or_create(
                Resolution,
                {"item": agenda_item, "number": resolution["number"]},
                {"text": resolution["text"], "kind": resolution["kind"]},
            )
        for document in data.get("papers", ()):
            fields = dict(document)
            _get_or_create(Paper, {"item": agenda_item, "title": fields.pop("title")}, fields)


def _load_attendance(meeting, rows, people):
    for order, (slug, status, role, is_chair) in enumerate(rows, start=1):
        _get_or_create(
            Attendance,
            {"meeting": meeting, "person": people[slug]},
            {"status": status, "role": role, "is_chair": is_chair, "order": order},
        )


def _publish_minutes(meeting, actor):
    """Publish the minutes (as a draft subject to confirmation) unless already done."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.status != Minutes.Status.DRAFT:
        return
    if minutes is None:
        minutes = Minutes(meeting=meeting)
        minutes.full_clean()
        minutes.save()
    publish = _minutes_service()
    if publish is not None:
        publish(minutes=minutes, user=actor, note=MINUTES_NOTE)
        return
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.full_clean()
    minutes.save()


def _minutes_service():
    """The minutes lifecycle service (meetings.services.minutes_publish), if present."""
    try:
        from meetings import services
    except ImportError:
        return None
    return getattr(services, "minutes_publish", None)


def _load_work_programme(panel, meetings):
    for order, (date, kind, status, title, comments) in enumerate(WORK_PROGRAMME, start=1):
        meeting = meetings[(PANEL, date)] if date else None
        _get_or_create(
            WorkProgrammeEntry,
            {"body": panel, "meeting": meeting, "kind": kind, "title": title},
            {"status": status, "comments": comments, "order": order},
        )


@transaction.atomic
def load_record(actor=None):
    """Save the Panel's and the board's record from the seed papers; safe to run again.

    ``actor`` is the log-in credited with publishing the minutes, where that is recorded.
    Returns the meetings, keyed by (body slug, date).
    """
    bodies = {}
    for data in BODIES:
        fields = dict(data)
        bodies[data["slug"]], _ = _get_or_create(Body, {"slug": fields.pop("slug")}, fields)
    people = _load_people()
    _load_memberships(bodies, people)

    meetings = {}
    for data in MEETINGS:
        fields = {
            key: value
            for key, value in data.items()
            if key not in {"body", "date", "kind", "attendance", "items", "minutes"}
        }
        meeting, _ = _get_or_create(
            Meeting,
            {"body": bodies[data["body"]], "date": data["date"], "kind": data["kind"]},
            fields,
        )
        meetings[(data["body"], data["date"])] = meeting
        _load_items(meeting, data.get("items", ()))
        _load_attendance(meeting, data.get("attendance", ()), people)
        if data.get("minutes") == "published":
            _publish_minutes(meeting, actor)

    _load_work_programme(bodies[PANEL], meetings)
    return meetings
