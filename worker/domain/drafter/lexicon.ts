/**
 * Small word lists the drafter's heuristics lean on. They are deliberately short and general
 * (function words, speech verbs, role nouns, common verbs, a gazetteer of countries and large
 * cities): enough to type the names a news article uses, small enough to ship in the Worker.
 * Every list is lower-case; look words up with `.has(word.toLowerCase())`.
 */

const words = (text: string): Set<string> => new Set(text.trim().split(/\s+/u));

/** Words that never start or form a name, and that carry no content in comparisons. */
export const FUNCTION_WORDS = words(`
a an the this that these those some any each every all both no not nor and or but so yet if then than as
of in on at to into onto from by for with without within about above below over under between among through
during before after since until till upon near off out up down around across along against beyond toward towards
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
who whom whose which what when where why how there here
is are was were be been being am has have had having do does did will would shall should can could may might must
also just only still even very too really more most much many such other another same own last next
`);

/** Words dropped when two answers are compared ("In Japanese waters" = "Japanese waters"). */
export const ANSWER_STOP_WORDS = words("a an the in into on at of to by for from through with its their his her it");

/** Auxiliaries and copulas: they open a verb group and invert in a question. */
export const AUXILIARIES = words(
	"am is are was were be been being has have had do does did will would shall should can could may might must",
);

/** Auxiliaries that can start a finite verb group (a clause's first verb). */
export const FINITE_AUXILIARIES = words("am is are was were has have had do does did will would shall should can could may might must");

/** Verbs that report speech or opinion: "X said", "said X", "X told Y". */
export const SPEECH_VERBS = words(`
said says say told tells added adds stated states explained explains warned warns argued argues noted notes
claimed claims insisted insists announced announces wrote writes replied replies admitted admits confirmed confirms
urged urges believes believed suggested suggests predicted predicts recalled recalls acknowledged acknowledges
estimated estimates reported reports declared declares
`);

/** Speech verbs after which a that-clause or quotation follows the speaker directly. */
export const TELL_VERBS = words("told tells");

/** Adverbs that may sit between a subject and its verb ("Mattis also said"). */
export const VERB_ADVERBS = words(`
also still now recently previously already only just never often always later then again once first finally
so far yet nearly almost simply actually reportedly
`);

/** Sentence openers that are not part of a clause's subject ("However, ..."). */
export const DISCOURSE_OPENERS = words("but however meanwhile still also and yet instead moreover furthermore nevertheless so then");

/** Two-word sentence openers that carry no content ("In addition, …"). */
export const DISCOURSE_PAIRS = new Set([
	"in addition",
	"in fact",
	"as well",
	"for example",
	"for instance",
	"in turn",
	"as a result",
	"of course",
	"at first",
]);

/** Nouns for roles and jobs that stand before or after a person's name. */
export const ROLE_NOUNS = words(`
president vice-president secretary minister ambassador lawmaker legislator politician senator congressman congresswoman
governor mayor councillor councilor convener chancellor premier spokesman spokeswoman spokesperson official officer
analyst economist scientist researcher professor lecturer director chief executive ceo manager coach captain striker
goalkeeper midfielder defender forward substitute player champion headliner singer musician artist author writer
editor reporter journalist correspondent chair chairman chairwoman chairperson leader head founder co-founder owner
inspector commissioner judge justice lawyer attorney prosecutor doctor nurse surgeon consultant epidemiologist
physician psychologist teacher principal headteacher student pupil resident farmer baker engineer designer architect curator
organiser organizer volunteer campaigner activist member deputy adviser advisor expert specialist historian
astronomer physicist biologist chemist geologist pilot general colonel commander king queen prince princess pope
bishop priest rabbi imam dr mr mrs ms miss prof sir dame lord lady rev
`);

/** Capitalised titles that can stand directly before a name ("Dr Priya Raman", "President Trump"). */
export const NAME_TITLES = words(`
dr mr mrs ms miss prof professor sir dame lord lady rev president minister secretary senator governor mayor councillor
chancellor premier judge justice general colonel captain commander king queen prince princess pope bishop ambassador
director chief coach headliner spokesman spokeswoman spokesperson
`);

/** Words that make a name an organisation ("National Statistics Institute", "Socialist Party"). */
export const ORG_WORDS = words(`
agency council party court bank institute university college school academy fund association union committee commission
ministry department office service services organization organisation society foundation trust company corporation corp
inc ltd plc group news times post journal herald guardian advertiser telegraph gazette tribune courier chronicle mirror
observer express echo daily weekly magazine insight engineering
federation club fc parliament congress senate assembly government authority board police army navy force
system statistics network alliance coalition council's brigade team rovers united athletic wanderers rangers albion
press radio television tv channel studios records labs laboratory museum gallery library theatre theater hospital
cathedral church zoo
`);

/** Words that make a name a place ("Westgate Stadium", "River Wey", "Farnham Road"). */
export const PLACE_WORDS = words(`
city county river street road avenue lane lake mountain mountains valley bay island islands park stadium hall square
bridge station airport province region sea ocean gulf coast hills forest port harbour harbor beach district borough
village town state shire desert canal
`);

/** Common nouns that, just before a name, say what kind of name follows ("the journal Nature Astronomy"). */
export const ORG_CUES = words(
	"journal newspaper magazine company firm consultancy charity agency group club team band broadcaster website office campaign",
);
export const PLACE_CUES = words("town city village region province state country island district suburb suburbs county");

/** Public acronyms of organisations and places that the heuristics cannot guess from their letters. */
export const KNOWN_ORG_ACRONYMS = words("un eu nato bbc cnn abc nbc cbs itv who imf fbi cia nasa esa unicef opec wto fifa uefa ioc nhs");
export const KNOWN_PLACE_ACRONYMS = words("us usa uk uae");

/** Months and days: capitalised, but dates, not names. */
export const MONTHS = [
	"january",
	"february",
	"march",
	"april",
	"may",
	"june",
	"july",
	"august",
	"september",
	"october",
	"november",
	"december",
] as const;
export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export const DATE_WORDS = new Set<string>([...MONTHS, ...WEEKDAYS]);

/**
 * Countries and regions with their adjectives. The adjective makes "Japanese waters" a place
 * phrase and lets a place question draw "Chinese" as a distractor for "Japanese".
 */
export const COUNTRIES: readonly (readonly [string, string])[] = [
	["Afghanistan", "Afghan"],
	["Argentina", "Argentine"],
	["Australia", "Australian"],
	["Austria", "Austrian"],
	["Bangladesh", "Bangladeshi"],
	["Belgium", "Belgian"],
	["Brazil", "Brazilian"],
	["Britain", "British"],
	["Canada", "Canadian"],
	["Chile", "Chilean"],
	["China", "Chinese"],
	["Colombia", "Colombian"],
	["Cuba", "Cuban"],
	["Denmark", "Danish"],
	["Egypt", "Egyptian"],
	["England", "English"],
	["Ethiopia", "Ethiopian"],
	["Finland", "Finnish"],
	["France", "French"],
	["Germany", "German"],
	["Ghana", "Ghanaian"],
	["Greece", "Greek"],
	["Hungary", "Hungarian"],
	["India", "Indian"],
	["Indonesia", "Indonesian"],
	["Iran", "Iranian"],
	["Iraq", "Iraqi"],
	["Ireland", "Irish"],
	["Israel", "Israeli"],
	["Italy", "Italian"],
	["Japan", "Japanese"],
	["Kenya", "Kenyan"],
	["Mexico", "Mexican"],
	["Morocco", "Moroccan"],
	["Netherlands", "Dutch"],
	["New Zealand", "New Zealand"],
	["Nigeria", "Nigerian"],
	["North Korea", "North Korean"],
	["Norway", "Norwegian"],
	["Pakistan", "Pakistani"],
	["Peru", "Peruvian"],
	["Philippines", "Filipino"],
	["Poland", "Polish"],
	["Portugal", "Portuguese"],
	["Romania", "Romanian"],
	["Russia", "Russian"],
	["Saudi Arabia", "Saudi"],
	["Scotland", "Scottish"],
	["Senegal", "Senegalese"],
	["South Africa", "South African"],
	["South Korea", "South Korean"],
	["Spain", "Spanish"],
	["Sweden", "Swedish"],
	["Switzerland", "Swiss"],
	["Syria", "Syrian"],
	["Taiwan", "Taiwanese"],
	["Thailand", "Thai"],
	["Turkey", "Turkish"],
	["Ukraine", "Ukrainian"],
	["United Kingdom", "British"],
	["United States", "American"],
	["US", "American"],
	["UK", "British"],
	["Vietnam", "Vietnamese"],
	["Wales", "Welsh"],
	["Europe", "European"],
	["Africa", "African"],
	["Asia", "Asian"],
	["America", "American"],
];

/**
 * Capitals and very large cities (multi-word names joined by "_"), so that "Lisbon" or "Brussels"
 * is a place even without "in" before it. Smaller places are recognised from their context.
 */
export const CITIES = new Set(
	[
		...words(`
london paris berlin madrid rome lisbon brussels amsterdam vienna prague warsaw budapest athens dublin edinburgh glasgow
cardiff belfast manchester birmingham liverpool montreal toronto vancouver ottawa new_york washington boston chicago
los_angeles san_francisco tokyo osaka beijing shanghai hong_kong seoul pyongyang delhi new_delhi mumbai karachi lagos
nairobi cairo johannesburg sydney melbourne auckland moscow kyiv istanbul geneva zurich stockholm oslo copenhagen
helsinki lima bogota santiago
`),
	].map((w) => w.replace(/_/gu, " ")),
);

/** Plural nouns for people: counts of these are one kind ("62,000 fans" and "20,000 supporters"). */
export const PEOPLE_NOUNS = words(`
people persons residents citizens fans supporters visitors spectators voters workers employees staff members pupils
students children adults patients households families passengers tourists firefighters officers soldiers troops
volunteers players performers cyclists walkers customers shoppers teachers nurses doctors men women girls boys babies
lawmakers councillors deaths officials scientists analysts experts researchers campaigners organisers organizers
`);

/** Nouns that are plural without an -s. */
export const IRREGULAR_PLURALS = words("people children men women police staff aircraft sheep fish deer cattle personnel data media");

/** Words for numbers, for reading "six stages" and for accepting "fifteen" for 15. */
export const NUMBER_WORDS: readonly string[] = [
	"zero",
	"one",
	"two",
	"three",
	"four",
	"five",
	"six",
	"seven",
	"eight",
	"nine",
	"ten",
	"eleven",
	"twelve",
	"thirteen",
	"fourteen",
	"fifteen",
	"sixteen",
	"seventeen",
	"eighteen",
	"nineteen",
	"twenty",
];
export const TENS_WORDS: readonly string[] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** Common irregular verbs: past tense or participle -> base form, for "did ... meet" questions. */
export const IRREGULAR_PAST: ReadonlyMap<string, string> = new Map(
	`arose:arise awoke:awake was:be were:be bore:bear beat:beat became:become began:begin bent:bend bet:bet bid:bid bit:bite
bled:bleed blew:blow broke:break bred:breed brought:bring built:build burnt:burn burst:burst bought:buy caught:catch
chose:choose clung:cling came:come cost:cost crept:creep cut:cut dealt:deal dug:dig did:do drew:draw dreamt:dream
drank:drink drove:drive ate:eat fell:fall fed:feed felt:feel fought:fight found:find fled:flee flew:fly forbade:forbid
forgot:forget forgave:forgive froze:freeze got:get gave:give went:go grew:grow hung:hang had:have heard:hear hid:hide
hit:hit held:hold hurt:hurt kept:keep knelt:kneel knew:know laid:lay led:lead leapt:leap learnt:learn left:leave
lent:lend let:let lay:lie lit:light lost:lose made:make meant:mean met:meet paid:pay put:put quit:quit read:read
rode:ride rang:ring rose:rise ran:run said:say saw:see sought:seek sold:sell sent:send set:set shook:shake shed:shed
shone:shine shot:shoot showed:show shrank:shrink shut:shut sang:sing sank:sink sat:sit slept:sleep slid:slide
spoke:speak sped:speed spent:spend spun:spin spread:spread sprang:spring stood:stand stole:steal stuck:stick
stung:sting struck:strike swore:swear swept:sweep swam:swim swung:swing took:take taught:teach tore:tear told:tell
thought:think threw:throw understood:understand woke:wake wore:wear won:win wound:wind withdrew:withdraw wrote:write
overtook:overtake undertook:undertake oversaw:oversee upheld:uphold`
		.trim()
		.split(/\s+/u)
		.map((pair) => pair.split(":") as [string, string]),
);

/**
 * Base forms of common verbs. A word ending in -ed or -s is read as a verb only when its base
 * form is here, so "did the council plant" is built only for verbs we actually know.
 */
export const VERB_BASES = words(`
accept achieve acquire act add admit adopt advise affect afford agree aim allow announce answer appear apply appoint
approve argue arrange arrest arrive ask assess attack attempt attend attract back ban base bat beat become beg begin
believe belong benefit block blame boost borrow break bring build burn buy call calculate campaign cancel care carry
cause celebrate challenge change charge check choose claim clean clear climb close collapse collect combine come
comment compare compete complain complete confirm connect consider contain continue contribute control convince cost
count cover crash create criticise criticize cross cry cut damage decide declare decline deliver demand deny depend
describe design destroy develop die disappear discover discuss dismiss double drop drive earn ease eat elect employ
enable encourage end enjoy ensure enter equalise equalize escape establish estimate evacuate examine expand expect
explain explore export express extend face fail fall fear feature feel fight file fill finance find finish fire fit
fix fly focus follow force forget form found free fund gain gather give go grow guarantee halt hand handle happen hate
head hear help hire hit hold hope host identify ignore impose improve include increase indicate inform injure insist
install intend introduce invest invite involve issue join judge jump keep kill know land last launch lead learn leave
lend let lift like limit link list live load lose love lower maintain make manage map mark matter mean measure meet
mention miss mount move name need negotiate note notice obtain occur offer open operate oppose order organise organize
own pass pay perform persuade pick place plan plant play plead pledge point possess post predict prefer prepare present
press prevent produce promise propose protect protest prove provide publish pull purchase push put qualify raise
rank reach read receive recognise recognize recommend record recover reduce refuse reject release rely remain remember
remove repair replace report represent request require rescue resign resolve respond rest restore result retire return
reveal rise risk roll rule run save say score search see seek select sell send serve set settle share shift shoot show
shut sign sing sink sit slow sell solve speak spend spread stand start state stay steal step stop store strike struggle
study submit succeed suffer suggest supply support suppose surround survive suspend switch take talk target teach
tell tend test thank think threaten throw top total touch trade train transfer travel treat trigger try turn
understand unite urge use vaccinate value visit vote wait walk want warn watch win wish withdraw work worry write
welcome wonder win hold bake employ own lead store burn order check doubt double sell cut start grow strike open

accept accompany accuse achieve acknowledge acquire act adapt add address adjust admire admit adopt advance advertise
advise affect afford agree aim alert allocate allow alter amend analyse analyze announce annoy answer anticipate
apologise apologize appeal appear applaud apply appoint appreciate approach approve argue arise arrange arrest arrive
ask assemble assess assign assist assume assure attach attack attempt attend attract authorise authorize average avoid
await award back bake ban bank bar base bat battle bear beat become beg begin behave believe belong benefit bet bid
bind bite blame blast bless block blow board boast book boost borrow bother bounce bow break breathe breed bring
broadcast build burn burst bury buy calculate call campaign cancel capture care carry cast catch cause celebrate
challenge change charge chase chat check cheer choose cite claim clarify clash classify clean clear climb cling close
coach collapse collect combine come comfort command comment commission commit communicate compare compensate compete
compile complain complete comply compose concede conceive concentrate concern conclude condemn conduct confess confirm
confront congratulate connect consider consist consult consume contact contain contemplate contend continue contract
contribute control convene convert convey convict convince cook cooperate cope copy correct cost count cover crack
crash create credit criticise criticize cross crowd cry cultivate cure cut cycle damage dance dare deal debate decide
declare decline decorate decrease dedicate defeat defend define delay delete deliver demand demolish demonstrate deny
depart depend deploy deposit describe deserve design desire destroy detail detect determine develop devote die differ
dig direct disagree disappear disappoint discover discuss dismiss display dispute dissolve distribute dive divide do
document dominate donate double doubt drag drain draw dream dress drift drink drive drop drown dry earn ease eat echo
edit educate elect eliminate embrace emerge emphasise emphasize employ enable encounter encourage end endorse endure
enforce engage enhance enjoy enrol ensure enter entertain equalise equalize equip erupt escape establish estimate
evacuate evaluate evolve examine exceed exchange exclude excuse execute exercise exhibit exist expand expect experience
experiment explain explode explore export expose express extend face facilitate fade fail fall fear feature feed feel
fight figure file fill film finance find finish fire fit fix flee float flood flow fly focus fold follow forbid force
forecast forget forgive form found free freeze fuel fund gain gather generate get give glance go govern grab grant
greet grip grow guarantee guard guess guide halt handle hang happen harm hate head heal hear heat help hesitate hide
highlight hire hit hold honour hope host house hunt hurry hurt identify ignore illustrate imagine implement imply import
impose impress improve include incorporate increase indicate inform inherit injure insist inspect inspire install
instruct insure intend interpret interrupt interview introduce invade invent invest investigate invite involve isolate
issue join joke judge jump justify keep kick kill kiss knock know label lack land last laugh launch lay lead lean leap
learn lease leave lend let lie lift light like limit line link list listen live load loan locate lock lodge look lose
love lower maintain make manage manufacture map march mark market marry master match matter mean measure meet melt
mention merge migrate mind miss mix modify monitor mount move multiply name narrow need negotiate nominate note notice
notify obey object observe obtain occupy occur offer open operate oppose order organise organize originate outline
overcome owe own pack paint park participate pass pause pay perceive perform permit persuade phone pick picture pilot
place plan plant play plead please pledge plunge point pose possess post postpone pour practise practice praise pray
predict prefer prepare prescribe present preserve press pretend prevail prevent price print proceed process produce
program programme progress prohibit promise promote prompt pronounce propose prosecute protect protest prove provide
provoke publish pull pump punish purchase pursue push put qualify question queue race raise rank rate reach react read
realise realize rebuild recall receive reckon recognise recognize recommend reconsider record recover recruit reduce
refer reflect reform refuse regain regard register regret regulate reinforce reject relate relax release rely remain
remark remember remind remove renew rent reopen repair repay repeat replace reply report represent request require
rescue research resemble reserve resign resist resolve respect respond rest restore restrict result resume retain retire
retreat return reveal review revise reward ride ring rise risk roll rule run rush sail satisfy save say scan scare
schedule score scream search secure see seek seem seize select sell send sense sentence separate serve set settle shake
shape share shift shine shock shoot shop shout show shrink shut sign signal sing sink sit ski skip sleep slide slip slow
smell smile smoke solve sort sound speak specify speed spend spill split spoil spot spread squeeze stab stage stand stare
start state stay steal steer step stick stimulate stir stop store strengthen stress stretch strike strip struggle study
submit succeed suffer suggest suit supply support suppose surge surprise surrender surround survey survive suspect
suspend sustain swap swear sweep swim swing switch tackle take talk target taste tax teach tear telephone tell tend
terminate test testify thank think threaten throw tie tighten top total touch tour trace track trade train transfer
transform translate transport trap travel treat tremble trigger trust try turn twist type uncover undergo understand
undertake unite unveil update upgrade uphold urge use vaccinate value vanish vary view visit voice volunteer vote wait
wake walk wander want warn wash waste watch wave weaken wear weigh welcome widen win wipe wish withdraw witness wonder
work worry wrap write yield
`);

/** Pronouns that can stand for a person named earlier. */
export const PERSON_PRONOUNS = words("he she");
