#!/usr/bin/env python3
"""Writes data/common-passwords.txt: passwords the app refuses (DOMAIN.md, Security).

The base list is the head of the widely published "most common passwords" lists (SecLists
10k-most-common, yearly top-200 reports), lower-cased, with profanity left out. Variants add the
suffixes people most often append, and a Kenyan list adds city, team and word choices seen in
local breach dumps. Deterministic: no randomness, sorted by first appearance.
"""
from pathlib import Path

BASE = """
password 123456 12345678 1234 qwerty 12345 dragon baseball football letmein monkey 696969 abc123
mustang michael shadow master jennifer 111111 2000 jordan superman harley 1234567 hunter trustno1
ranger buster thomas tigger robert soccer batman test pass killer hockey george charlie andrew
michelle love sunshine jessica 6969 pepper daniel access 123456789 654321 joshua maggie starwars
silver william dallas yankees 123123 ashley 666666 hello amanda orange freedom computer thunder
nicole ginger heather hammer summer corvette taylor austin 1111 merlin matthew 121212 golfer cheese
princess martin chelsea patrick richard diamond yellow bigdog secret asdfgh sparky cowboy camaro
anthony matrix falcon iloveyou bailey guitar jackson purple scooter phoenix aaaaaa morgan tigers
porsche mickey maverick cookie nascar peanut justin 131313 money samantha steelers joseph snoopy
boomer whatever iceman smokey gateway dakota cowboys eagles chicken black zxcvbn please andrea
ferrari knight melissa compaq coffee booboo johnny bulldog xxxxxx welcome james player ncc1701
wizard scooby charles junior internet mike brandy tennis banana monster spider lakers miller rabbit
enter mercedes brandon steven fender john yamaha diablo chris boston tiger marine chicago rangers
gandalf winter barney edward raiders badboy spanky bigdaddy johnson chester london midnight blue
fishing 000000 hannah slayer 11111111 rachel redsox thx1138 asdf marlboro panther zxcvbnm arsenal
oliver qazwsx mother victoria 7777777 jasper angel david winner crystal golden viking jack shannon
murphy angels prince cameron madison wilson carlos willie startrek captain maddog jasmine butter
angela golf lauren rocket tiffany theman dennis flower forever green jackie muffin turtle sophie
danielle redskins toyota jason sierra winston debbie giants packers newyork jeremy casper bubba
112233 sandra lovers mountain united cooper driver tucker helpme pookie lucky maxwell 8675309 bear
gators 5150 222222 jaguar monica fred happy hotdog gemini lover xxxxxxxx 777777 canada nathan
victor florida 88888888 nicholas rosebud metallic doctor trouble success warrior peaches apples
fish qwertyui magic buddy dolphins rainbow gunner 987654 freddy alexis braves 2112 1212 cocacola
xavier dolphin testing bond007 member calvin voodoo 7777 samson alex apollo fire tester walter
voyager peter bonnie rush2112 beer apple scorpio jonathan skippy sydney scott red123 power gordon
travis beaver star flyers 232323 zzzzzz steve rebecca scorpion doggie legend yankee blazer bill
runner birdie 555555 parker topgun asdfasdf heaven viper animal 2222 bigboy 4444 arthur baby
private godzilla donald williams phantom dave rock august sammy cool brian platinum jake bronco
paul mark frank copper billy garfield willow little carter albert 69696969 kitten super jordan23
eagle1 shelby america 11111 jessie house free 123321 chevy white broncos surfer nissan 999999
saturn airborne elephant marvin action adidas qwert kevin 1313 explorer walker police december
benjamin wolf sweet therock king online brooklyn teresa cricket sharon dexter racing gregory 0000
redwings dreams michigan magnum 87654321 nothing donkey trinity digital 333333 stella cartman
guinness 123abc speedy buffalo kitty eagle einstein kelly nelson nirvana vampire xxxx louise
pumpkin snowball test123 girl mexico beatles fantasy ford gibson celtic marcus cherry cassie 888888
natasha sniper chance genesis hotrod reddog jester passw0rd smith lasvegas carmen slipknot 3333
kimberly 1q2w3e eclipse 1q2w3e4r stanley samuel drummer homer montana music aaaa spencer jimmy
carolina colorado creative hello1 rocky goober friday scotty abcdef bubbles hawaii fluffy mine
stephen horses thumper 5555 darkness asdfghjk pamela buddha vanessa sandman douglas honda matt
azerty 6666 shorty money1 beach loveme 4321 simple poohbear 444444 destiny sarah denise vikings
lizard melanie sabrina nintendo water good howard time 123qwe november xxxxx october leather young
101010 extreme hard password1 vincent lacrosse hotmail spooky alaska badger paradise crazy mozart
video russell spitfire anderson norman eric cherokee cougar barbara long 420420 family horse enigma
allison raider brazil blonde jones 55555 dude drowssap jeff school marshall lovely 1qaz2wsx jeffrey
caroline franklin molly snickers leslie courtney diesel rocks eminem westside suzuki daddy passion
hummer zachary frankie elvis reggie alpha simpson patricia 147147 pirate tommy semperfi jupiter
redrum freeuser stinky ducati paris natalie babygirl bishop windows spirit pantera monday patches
brutus houston smooth penguin marley forest cream 212121 flash maximus bobby bradley vision
pokemon champion fireman indian softball picard system clinton cobra enjoy lucky1 claire claudia
boogie timothy marines security dirty admin wildcats dancer veronica abcd1234 abcdefg ironman
wolverin remember great freepass bigred justice francis hobbes kermit pearljam mercury domino 9999
denver brooke rascal hitman simon tony bbbbbb friend peekaboo budlight electric stargate saints
brittany bigman zombie swimming duke qwerty1 scotland disney rooster brenda mookie swordfis candy
duncan olivia hunting blink182 alicia 8888 samsung bubba1 virginia general passport aaaaaaaa
liberty arizona jesus abcd newport skipper rolltide happy1 galore christ weasel 242424 wombat
digger classic bulldogs popcorn turkey jenny amber bunny mouse 007007 titanic liverpool dreamer
everton friends chevelle carrie gabriel psycho nemesis burton pontiac connor roland mitchell
ireland lincoln arnold spiderma patriots goblue devils eugene empire asdfg cardinal brown shaggy
froggy qwer kawasaki kodiak people phpbb light 54321 kramer chopper honey whynot lisa baxter adam
snake ncc1701d qqqqqq airplane britney avalon sandy sugar sublime stewart wildcat raven scarface
elizabet 123654 trucks wolfpack lawrence raymond redhead american alyssa bambam movie woody snowman
tiger1 raptor 1969 stingray shooter france stars madmax kristen sports jerry 789456 garcia simpsons
lights ryan looking alison hahaha packard hendrix perfect service spring spike katie 252525 oscar
brother bigmac single cannon georgia popeye tattoo texas party bullet taurus sailor wolves panthers
japan strike flowers chris1 loverboy berlin sticky marina tarheels fisher russia connie wolfgang
testtest bass catch22 juice michael1 159753 alpha1 trooper hawkeye freaky dodgers pakistan machine
pyramid vegeta katana moose tinker coyote infinity inside pepsi letmein1 control hercules morris
james1 outlaw browns billybob pickle test1 michele antonio pavilion changeme caesar prelude tanner
adrian darkside bowling wutang sunset robbie alabama danger zeppelin juan rusty pppppp nick 2001
ping darkstar madonna qwe123 bigone casino cheryl charlie1 mmmmmm integra wrangler apache tweety
qwerty12 bobafett simone none business sterling trevor transam dustin harvey england 2323 seattle
ssssss rose harry openup pandora trucker wallace indigo storm malibu review babydoll doggy dilbert
pegasus joker catfish flipper valerie herman detroit kenneth cheyenne bruins stacey smoke joey
seven marino xfiles wonder stinger pizza babe pretty stealth manutd gracie gundam cessna longhorn
presario mnbvcxz wicked mustang1 victory 21122112 shelly awesome athena q1w2e3r4 help holiday
knicks street redneck 12341234 casey gizmo scully dragon1 devildog triumph eddie bluebird shotgun
peewee ronnie angel1 daisy special metallica madman country impala lennon roscoe omega access14
enterpri miranda search smitty blizzard unicorn rick ronald asdf1234 harrison trigger truck danny
home winnie beauty thailand 1234567890 cadillac castle tyler bobcat buddy1 sunny stones freddie
chuck loveyou norton hellfire indiana short panzer lonewolf trumpet colors blaster 12121212
fireball logan precious aaron elaine jungle atlanta gold corona curtis nikki polaris timber theone
baller chipper orlando island skyline dragons dogs benson goldie engineer kong pencil basketba open
hornet world linda barbie chan farmer valentin indians larry redman foobar travel morpheus bernie
target 141414 hotstuff photos laura savage holly rocky1 dollar turbo design newton hottie moon
202020 blondes 4128 lestat avatar future goforit random abgrtyu jjjjjj cancer q1w2e3 smiley
goldberg express zipper wrinkle1 stone andy babylon powers consumer dudley monkey1 serenity samurai
99999999 skeeter lindsay joejoe master1 aaaaa chocolat christia birthday stephani tang 1234qwer
alfred ball 98765432 maria maxima 77777777 sampson buckeye highland kristin seminole reaper bassman
nugget lucifer airforce nasty watson warlock 2121 philip always dodge chrissy burger bird missy
pink gang maddie holmes huskers piglet photo joanne hamilton dodger paladin christy chubby buckeyes
hamlet abcdefgh bigfoot sunday manson goldfish garden deftones icecream blondie spartan julie
harold charger brandi stormy sherry pleasure juventus rodney galaxy holland escort zxcvb planet
jerome wesley blues song peace david1 ncc1701e 1966 51505150 cavalier gambit karen sidney ripper
oicu812 jamie sister marie martha nylons aardvark nadine minnie whiskey bing plastic babylon5 chang
savannah loser racecar insane yankees1 mememe hansolo chiefs fredfred freak frog salmon concrete
yvonne zxcv shamrock atlantis warren wordpass julian mariah rommel 1010 harris predator sylvia
massive cats sammy1 mister stud marathon rubber ding trunks desire montreal justme faster kathleen
irish 1999 bertha jessica1 alpine sammie diamonds tristan 00000 stallion pitbull letmein2 roberto
ready april palmer ming shadow1 audrey chong shirley bluesky sundance renegade hollywoo 151515
bernard wolfman soldier picture pierre ling goddess manager nikita sweety titans hang fang niners
bottom bubble hello123 ibanez webster sweetpea stocking 323232 tornado lindsey content bruce buck
aragorn griffin chen campbell trojan christop newman wayne tina rockstar father geronimo pascal
crimson brooks hector penny anna google camera chandler fatcat lovelove cody waters stimpy finger
cindy wheels viper1 latin robin greenday 987654321 brendan hiphop willy snapper funtime duck
trombone cotton cookies kaiser mulder westham latino jeep ravens aurora drizzt madness energy
314159 sophia stefan slick rocker 55555555 freeman french mongoose speed dddddd hong henry hungry
yang catdog cheng ghost gogogo randy tottenha curious butterfl mission january singer sherman
shark techno lancer lalala autumn chichi orion trixie clifford delta bobbob bomber holden kang
1968 spunky liquid mary beagle granny network bond kkkkkk millie 1973 biggie beetle teacher susan
toronto anakin genius dream dang karate snakes bangkok callie pacific daytona kelsey infantry
skywalke foster felix sailing raistlin vanhalen huang herbert jacob blackie tarzan strider sherlock
lang gong sang dietcoke ultimate tree sprite ting artist chai chao devil python ninja misty ytrewq
sweetie superfly 456789 tian jing jesus1 freedom1 dian drpepper potter chou darren hobbit violet
yong shen phillip maurice gloria nolimit mylove biscuit yahoo shasta smoker smile pebbles philly
tong tintin marlin cactus frank1 tttttt chun danni emerald showme pirates lian dogg colleen xiao
xian tazman tanker patton toshiba richie alberto gotcha graham dillon rang emily keng jazz bigguy
yuan woman tomtom marion greg chaos fossil flight racerx tuan boss bobo musicman warcraft window
blade shuang sheila shun jian microsoft rong allen feng sally quality kennedy morrison 1977 beng
wwwwww yoyoyo zhang seng teddy joanna andreas luke qazxsw qian cong chuan deng nang boeing keeper
western isabelle 1963 subaru sheng thuglife teng jiong miao martina mang maniac tracey a1b2c3
clayton zhou zhuang xing snow spyder liang jiang memphis regina ceng magic1 logitech chuang dark
million sesame shao poison terry kuan kuai kyle mian guan hamster guai ferret florence geng duan
pang maiden quan velvet nong neng buttons bian bingo biao zhong zeng xiong zhun ying zong xuan
zang sharks shang small peng pian piao liao meng miami reng guang cang change ruan diao luan lucas
qing ning heng huan kansas muscle monroe weng whitney bluemoon xiang zheng zhen zhao zhan yomama
tarheel lady leonard leng kuang jiao 13579 basket qiao qiang nian bianca stardust jumper margaret
archie 66666666 forget qwertz bones history milton waterloo 2002 stuff 11223344 office oldman
preston trains murray vertigo 246810 black1 smiles standard parrot luther user nicolas 1976 surfing
pioneer pete masters apple1 asdasd auburn hannibal frontier panama lucy buffy brianna welcome1
vette blue22 111222 baggins groovy global turner 181818 1979 blades life byteme lobster collins
hilton japanese 1970 1964 2424 polo markus coco deedee mikey 1972 171717 1701 jersey green1
capital sasha sadie putter vader seven7
qwerty123 password123 admin123 123123123 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx3edc qwertyuiop
1234567891 12345678910 123456a 123456q a123456 aa123456 abc12345 password12 password1234
passw0rd1 p@ssw0rd p@ssword pa55word pa$$word iloveyou1 iloveyou2 princess1 sunshine1 football1
baseball1 welcome123 letmein123 monkey123 dragon123 master123 qwerty12345 zaq12wsx zaq1zaq1
!qaz2wsx q1w2e3r4t5 q1w2e3r4t5y6 asdfghjkl asdf123 qweasdzxc 1q2w3e4r5 0987654321 11111111111
123qweasd 123456abc 123abc123 abc123456 admin admin1 admin1234 administrator root root123 toor
guest guest123 user123 default changeme1 letmein! welcome! password! secret123 test1234 test12345
demo demo123 login login123 pass123 pass1234 pass@123 master12 superman1 batman123 pokemon123
minecraft fortnite roblox cristiano ronaldo messi neymar mbappe 7777777777 159357 1234554321
987654321a 654321a 112233445566 147258369 123654789 789456123 963852741 741852963 password2
password3 iloveu iloveyou! lovely1 loveyou1 mylove1 babygirl1 princess123 angel123 sunshine123
chocolate flower123 summer2023 summer2024 winter2023 spring2024 autumn2024 january2024
1234abcd abcd12345 aaaaaa1 a1b2c3d4 qwertyu qwerty1234 qwe123qwe asd123 zxc123 zxcvbnm123
nairobi nairobi1 nairobi123 nairobi2023 nairobi2024 nairobi@123 kenya kenya1 kenya123 kenya2023
kenya2024 kenya2025 kenya@123 kenyan kenyan123 mombasa mombasa123 kisumu kisumu123 nakuru nakuru123
eldoret eldoret123 thika thika123 nyeri nyeri123 machakos kakamega malindi meru kisii kericho
jambo jambo123 karibu karibu123 hakunamatata hakuna123 asante asante123 mpesa mpesa123 safaricom
safaricom1 safaricom123 harambee harambee123 uhuru uhuru123 uhuru2024 mungu mungu123 mungumkuu
yesu yesu123 mamamia mama123 mama1234 baba123 baba1234 mpenzi mpenzi123 nakupenda nakupenda123
rafiki rafiki123 simba simba123 tembo tembo123 chui chui123 twiga twiga123 duma kilimanjaro
mountkenya mtkenya tusker tusker123 gormahia gormahia123 afcleopards leopards123 harambeestars
ingwe ingwe123 kogalo kogalo123 mathare mathare123 kibera kibera123 westlands westlands123
kilimani kasarani eastleigh rongai kitengela kiambu kiambu123 muranga kirinyaga embu kitui makueni
kajiado narok bomet nandi kapsabet iten turkana lamu lamu2024 diani diani123 uon123 uonbi
jkuat jkuat123 kenyatta kenyatta123 moi123 strathmore strath123 maseno egerton egerton123 jomo
jomo123 kikuyu kikuyu123 luo123 luhya kalenjin kamba kisii123 maasai maasai123 swahili swahili123
kiswahili sheng sheng123 matatu matatu123 boda boda123 bodaboda nyama nyamachoma ugali ugali123
sukuma chapati chapati123 mandazi chai123 kahawa kahawa123 pesa pesa123 shilingi bob bob123
mbogi mbogi123 msee msee123 manze fiti poa poa123 sawa sawa123 maisha maisha123 amani amani123
baraka baraka123 neema neema123 imani imani123 faith123 grace123 mercy mercy123 joy123 peace123
blessed blessed1 blessing blessing1 godisgood godfirst jesus123 jesusloves amen amen123
kamau kamau123 otieno otieno123 wanjiru wanjiru123 njeri njeri123 achieng achieng123 mutua
mutua123 kipchoge kipchoge1 wanjiku wanjiku123 odhiambo ochieng ochieng123 akinyi wambui mwangi
mwangi123 kiprono chebet cherono wairimu muthoni nyambura atieno adhiambo onyango juma juma123
hassan123 fatuma fatuma123 mohamed123 ali12345
"""

VARIANT_WORDS = """password qwerty admin welcome letmein monkey dragon sunshine princess football iloveyou
master shadow superman batman michael jessica charlie abc hello freedom love money""".split()
VARIANT_SUFFIXES = ["1", "12", "123", "1234", "01", "007", "2020", "2021", "2022", "2023", "2024", "2025", "!", "@123"]


def build() -> list[str]:
    seen: dict[str, None] = {}
    for word in BASE.split():
        seen.setdefault(word.lower(), None)
    for word in VARIANT_WORDS:
        for suffix in VARIANT_SUFFIXES:
            seen.setdefault(word + suffix, None)
    words = list(seen)
    assert "demo-password" not in seen, "the demo password must stay usable"
    for required in ["password", "123456", "qwerty123", "password123", "iloveyou", "admin123",
                     "nairobi123", "kenya2024"]:
        assert required in seen, required
    assert all(w == w.lower() and w.strip() == w and w for w in words)
    assert len(words) >= 1000, len(words)
    return words


def main() -> None:
    root = Path(__file__).resolve().parents[2]
    words = build()
    (root / "data" / "common-passwords.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"common-passwords.txt: {len(words)} passwords")


if __name__ == "__main__":
    main()
