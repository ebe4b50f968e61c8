"""Hand-written content for the demo dataset: institutions, organizations, people, questions.

Everything here is fictional (organizations, people, phone numbers, domains under `.example`);
the public institutions are named as they are publicly known. generate.py combines this with the
vocabulary files in data/vocabulary/.
"""

# key, name, short code, type, verified, registration-number pattern ({n} digits, {y} year)
INSTITUTIONS = [
    ("uon", "University of Nairobi", "UON", "university", True, "{prog}/{n4}/{y}"),
    ("ku", "Kenyatta University", "KU", "university", True, "{prog}/{n5}/{y}"),
    ("jkuat", "Jomo Kenyatta University of Agriculture and Technology", "JKUAT", "university", True, "{prog}-{n4}/{y}"),
    ("moi", "Moi University", "MU", "university", True, "{prog}/{n3}/{y2}"),
    ("egerton", "Egerton University", "EGU", "university", True, "{prog}/{n5}/{y2}"),
    ("maseno", "Maseno University", "MSU", "university", True, "{prog}/{n5}/{y2}"),
    ("strathmore", "Strathmore University", "SU", "university", True, "{n6}"),
    ("usiu", "United States International University Africa", "USIU", "university", True, "{n6}"),
    ("tuk", "Technical University of Kenya", "TUK", "university", True, "{prog}/{n4}/{y}"),
    ("kmtc", "Kenya Medical Training College", "KMTC", "college", True, "KMTC/{n5}/{y}"),
    ("kisumupoly", "Kisumu National Polytechnic", "KNP", "polytechnic", True, "KNP/{n4}/{y}"),
    ("eldoretpoly", "Eldoret National Polytechnic", "ENP", "polytechnic", True, "ENP/{prog}/{n4}/{y2}"),
    ("ntti", "Nairobi Technical Training Institute", "NTTI", "tvet", True, "NTTI/{n4}/{y}"),
    ("thikatti", "Thika Technical Training Institute", "TTTI", "tvet", True, "TTTI/{n4}/{y2}"),
    ("ksl", "Kenya School of Law", "KSL", "institute", True, "KSL/{n4}/{y}"),
    ("kimc", "Kenya Institute of Mass Communication", "KIMC", "institute", True, "KIMC/{n4}/{y}"),
    ("lakeview", "Lakeview College of Business Studies", "LCBS", "college", False, "LCBS-{n4}"),
]

# Courses each institution teaches (indexes into course families below).
INSTITUTION_FAMILIES = {
    "uon": ["tech", "finance", "health", "engineering", "law", "media", "social", "design", "science", "education"],
    "ku": ["tech", "finance", "health", "education", "media", "social", "science", "design"],
    "jkuat": ["tech", "engineering", "science", "finance", "design", "health"],
    "moi": ["tech", "finance", "health", "engineering", "education", "social", "media"],
    "egerton": ["science", "engineering", "finance", "education", "social"],
    "maseno": ["tech", "science", "education", "social", "health", "finance"],
    "strathmore": ["tech", "finance", "law", "social"],
    "usiu": ["tech", "finance", "media", "social", "design", "health"],
    "tuk": ["tech", "engineering", "design", "finance"],
    "kmtc": ["health_diploma"],
    "kisumupoly": ["diploma_tech", "diploma_biz"],
    "eldoretpoly": ["diploma_tech", "diploma_biz"],
    "ntti": ["diploma_tech", "certificate"],
    "thikatti": ["diploma_tech", "certificate", "diploma_biz"],
    "ksl": ["law"],
    "kimc": ["diploma_media"],
    "lakeview": ["diploma_biz"],
}

# Programme prefixes used in registration numbers.
PROGRAMME_CODES = {
    "tech": ["P15", "I20", "SCT211", "CS", "COM"], "finance": ["D33", "X74", "BCOM", "BF"],
    "health": ["H31", "N12", "PH", "MBC"], "engineering": ["F17", "ENG", "EEE", "CE"],
    "law": ["G34", "LLB"], "media": ["K50", "JMC"], "social": ["C50", "DS", "ECO"],
    "design": ["B04", "DES"], "science": ["A55", "AGR", "STA"], "education": ["E35", "EDU"],
    "health_diploma": ["NUR", "CLM", "PHA"], "diploma_tech": ["DIT", "DEE", "DCE"],
    "diploma_biz": ["DBM", "DAF", "SCM"], "certificate": ["CEI", "CPL"], "diploma_media": ["DJ"],
}

COURSE_FAMILIES = {
    "tech": ["BSc Computer Science", "BSc Software Engineering", "BSc Information Technology",
             "BSc Computer Technology", "BSc Mathematics and Computer Science", "BSc Data Science"],
    "finance": ["Bachelor of Commerce", "BSc Finance", "BSc Accounting", "BSc Economics",
                "BSc Actuarial Science", "Bachelor of Business Administration",
                "BSc Procurement and Supply Chain Management", "BSc Economics and Statistics"],
    "health": ["BSc Nursing", "BSc Clinical Medicine", "Bachelor of Pharmacy", "BSc Public Health",
               "BSc Health Records and Information Management", "BSc Medical Laboratory Science",
               "BSc Nutrition and Dietetics", "Bachelor of Medicine and Bachelor of Surgery"],
    "engineering": ["BSc Electrical and Electronic Engineering", "BSc Civil Engineering",
                    "BSc Mechanical Engineering", "BSc Mechatronic Engineering",
                    "BSc Telecommunication Engineering", "BSc Geospatial Engineering",
                    "BSc Agricultural Engineering", "BSc Biosystems Engineering"],
    "law": ["Bachelor of Laws"],
    "media": ["BA Journalism and Mass Communication", "BA Communication and Media Studies",
              "BA Film and Theatre Arts"],
    "social": ["BA Economics", "BA Sociology", "BA Development Studies", "BA International Relations",
               "BA Political Science and Public Administration", "BSc Psychology", "BA Linguistics"],
    "design": ["BA Design", "BA Fine Art", "Bachelor of Architecture"],
    "science": ["BSc Statistics", "BSc Agriculture", "BSc Environmental Science", "BSc Biochemistry",
                "BSc Microbiology", "BSc Food Science and Technology", "BSc Horticulture",
                "BSc Applied Statistics with Computing", "BSc Hospitality and Tourism Management"],
    "education": ["Bachelor of Education (Arts)", "Bachelor of Education (Science)",
                  "Bachelor of Education (Early Childhood)"],
    "health_diploma": ["Diploma in Nursing", "Diploma in Clinical Medicine", "Diploma in Pharmacy"],
    "diploma_tech": ["Diploma in Information Technology", "Diploma in Computer Science",
                     "Diploma in Electrical Engineering", "Diploma in Civil Engineering",
                     "Diploma in Mechanical Engineering"],
    "diploma_biz": ["Diploma in Business Management", "Diploma in Accounting and Finance",
                    "Diploma in Supply Chain Management", "Diploma in Human Resource Management",
                    "Diploma in Social Work"],
    "certificate": ["Certificate in Electrical Installation", "Certificate in Plumbing",
                    "Certificate in Automotive Engineering", "Certificate in Food and Beverage Production"],
    "diploma_media": ["Diploma in Journalism", "Diploma in Graphic Design"],
}

# Course families each listing category prefers when it restricts eligible courses.
CATEGORY_FAMILIES = {
    "technology": ["tech", "diploma_tech"], "finance": ["finance", "diploma_biz"],
    "marketing": ["finance", "media", "social", "diploma_biz"], "healthcare": ["health", "health_diploma"],
    "education": ["education", "social"], "engineering": ["engineering", "diploma_tech"],
    "design": ["design", "tech", "diploma_media"], "research": ["science", "social", "health"],
    "business": ["finance", "social", "diploma_biz"], "legal": ["law"],
    "media": ["media", "diploma_media"], "other": ["social", "science", "diploma_biz"],
}

# Skills each category draws from; every name must appear in data/vocabulary/skills.txt.
CATEGORY_SKILLS = {
    "technology": ["Python", "SQL", "JavaScript", "TypeScript", "Java", "Kotlin", "Go", "React", "Node.js",
                   "Django", "Flask", "FastAPI", "REST APIs", "PostgreSQL", "MySQL", "Git", "Linux", "Docker",
                   "Kubernetes", "AWS", "Google Cloud", "CI/CD", "Unit testing", "Android development",
                   "USSD development", "M-Pesa Daraja API", "Cybersecurity", "Machine learning",
                   "Data analysis", "Pandas", "Power BI", "Flutter", "Bash", "GraphQL", "Redis",
                   "Network administration", "Test automation", "Tableau", "Data visualisation"],
    "finance": ["Excel", "Advanced Excel", "Financial modelling", "Financial analysis", "Financial reporting",
                "Accounting", "Bookkeeping", "IFRS", "Auditing", "Internal controls", "Tax compliance",
                "KRA iTax", "Payroll", "QuickBooks", "Sage", "Budgeting", "Forecasting", "Credit analysis",
                "Risk management", "Treasury operations", "Investment analysis", "Valuation",
                "Anti-money laundering", "Regulatory compliance", "Pivot tables", "Power BI", "SQL",
                "Mobile money", "Microfinance", "Actuarial modelling", "Insurance underwriting"],
    "marketing": ["Digital marketing", "Social media management", "Content writing", "Copywriting", "SEO",
                  "Google Ads", "Meta Ads", "Email marketing", "Mailchimp", "Marketing analytics",
                  "Google Analytics", "Brand strategy", "Market research", "Public relations", "Event planning",
                  "Influencer marketing", "Community management", "Canva", "Campaign planning",
                  "Consumer insights", "Kiswahili", "Video editing", "Photography", "Trade marketing"],
    "healthcare": ["Clinical documentation", "Patient care", "Triage", "Vital signs", "Infection prevention",
                   "Health records management", "Medical coding", "Pharmacy dispensing", "Community health",
                   "Health education", "Nutrition", "Maternal and child health", "Epidemiology",
                   "Biostatistics", "DHIS2", "Monitoring and evaluation", "Laboratory techniques",
                   "First aid", "Counselling", "Kiswahili", "Data collection", "Excel", "Phlebotomy"],
    "education": ["Lesson planning", "Curriculum design", "CBC curriculum", "Classroom management",
                  "Instructional design", "E-learning", "Moodle", "Tutoring", "Assessment design",
                  "Early childhood education", "STEM teaching", "Kiswahili", "Public speaking",
                  "Canva", "Special needs education", "Python", "Communication",
                  "Data analysis", "Report writing"],
    "engineering": ["AutoCAD", "Revit", "SolidWorks", "Civil 3D", "MATLAB", "ETABS", "Structural analysis",
                    "Surveying", "Quantity surveying", "Bills of quantities", "Site supervision",
                    "Construction management", "Health and safety", "Electrical installation",
                    "Solar PV design", "Power systems", "PLC programming", "Embedded systems", "Arduino",
                    "Mechanical design", "Maintenance planning", "Quality control", "Water engineering",
                    "Hydraulics", "GIS", "QGIS", "Excel", "Report writing", "ANSYS"],
    "design": ["Figma", "Adobe Photoshop", "Adobe Illustrator", "Adobe InDesign", "Adobe After Effects",
               "Canva", "Sketch", "Blender", "UI design", "UX research", "Usability testing", "Wireframing",
               "Prototyping", "Interaction design", "Design systems", "Typography", "Branding",
               "Illustration", "Motion graphics", "Packaging design", "Print design", "Accessibility",
               "User interviews", "Journey mapping", "HTML", "CSS", "3D modelling"],
    "research": ["Research", "Literature review", "Qualitative research", "Quantitative research",
                 "Data collection", "Survey design", "ODK", "KoboToolbox", "R programming", "Stata", "SPSS", "Python",
                 "Statistics", "Econometrics", "Data cleaning", "Academic writing", "Transcription",
                 "Interviewing", "Policy analysis", "GIS", "Agronomy", "Soil science",
                 "Monitoring and evaluation", "Excel", "Report writing", "Climate adaptation"],
    "business": ["Excel", "Business analysis", "Sales", "Business development", "Customer service", "CRM",
                 "Salesforce", "HubSpot", "Negotiation", "Presentation skills", "Project management",
                 "Operations management", "Supply chain management", "Procurement", "Inventory management",
                 "Logistics planning", "Process improvement", "Strategy", "Market research",
                 "Business writing", "PowerPoint", "Data analysis", "Human resources", "Recruitment",
                 "Fleet management", "Warehouse operations", "Kiswahili"],
    "legal": ["Legal research", "Legal drafting", "Contract review", "Litigation support", "Conveyancing",
              "Company secretarial", "Corporate governance", "Data protection", "Intellectual property",
              "Employment law", "Human rights", "Legal writing", "Case analysis", "Court procedures",
              "Due diligence", "Policy analysis", "Regulatory compliance", "Microsoft Word", "Kiswahili"],
    "media": ["Journalism", "News writing", "Editing", "Proofreading", "Fact-checking", "Video editing",
              "Video production", "Photography", "Camera operation", "Audio editing", "Podcast production",
              "Radio presenting", "Scriptwriting", "Storytelling", "Broadcast production",
              "Adobe Premiere Pro", "DaVinci Resolve", "Audacity", "Subtitling", "Translation",
              "Kiswahili", "Social media management"],
    "other": ["Community mobilisation", "Volunteer coordination", "Fundraising", "Event planning",
              "Office administration", "Records management", "Report writing", "Monitoring and evaluation",
              "Customer experience", "Kiswahili", "Microsoft Office", "Project management",
              "Environmental impact assessment", "Grant writing", "Proposal writing", "Data collection",
              "First aid", "Human resources", "Time management", "Sustainability reporting"],
}

SOFT_SKILLS = ["Teamwork", "Time management", "Problem solving", "Critical thinking", "Attention to detail",
               "Leadership", "Communication", "Adaptability", "Public speaking", "Report writing"]

INTERESTS = ["fintech", "mobile money", "open source", "climate action", "renewable energy", "agriculture",
             "public health", "maternal health", "education technology", "journalism", "photography",
             "football", "athletics", "chess", "music production", "film", "human rights", "startups",
             "data for good", "artificial intelligence", "cybersecurity", "urban planning", "wildlife",
             "conservation", "travel", "volunteering", "debate", "poetry", "design", "gaming", "cooking",
             "podcasts", "entrepreneurship", "social enterprise", "robotics", "space science", "economics",
             "women in tech", "mentoring", "church choir", "hiking", "running", "basketball", "rugby",
             "reading", "fashion", "architecture", "community radio", "policy", "sustainability"]

# Organizations: key, name, industry, size, city, country, verified, categories, topics, description.
# Categories say which kinds of internship they post; topics feed listing titles.
ORGANIZATIONS = [
    ("kusipay", "Kusi Payments", "Fintech", "201-500", "Nairobi", "Kenya", True,
     ["technology", "finance", "design", "marketing", "business", "legal"],
     ["Merchant Payments", "Mobile Money Insights", "Fraud Detection", "Payments API", "Agent Network Growth"],
     "Kusi Payments builds the rails that let small merchants accept mobile money, cards and bank transfers "
     "through one till number. More than 140,000 shops, pharmacies and boda boda riders across Kenya and Uganda "
     "settle their sales with us every day, and our reconciliation tools save them hours each week."),
    ("mwanga", "Mwanga Agritech", "Agritech", "51-200", "Nakuru", "Kenya", True,
     ["technology", "research", "business", "other", "marketing"],
     ["Smart Farming", "Crop Yield Forecasting", "Farmer Training", "Post-Harvest Losses", "Dairy Value Chain"],
     "Mwanga Agritech gives smallholder farmers weather-aware planting advice, input credit and buyers for their "
     "harvest through a simple SMS and app service. We work with 90,000 farmers in the Rift Valley and Western "
     "Kenya, most of whom grow maize, beans, potatoes and dairy."),
    ("rafikitel", "Rafiki Telecom", "Telecommunications", "1000+", "Nairobi", "Kenya", True,
     ["technology", "engineering", "marketing", "business", "finance", "legal"],
     ["Rural Connectivity", "Network Planning", "Data Bundles", "Customer Retention", "USSD Services"],
     "Rafiki Telecom is a mobile network operator serving eleven million subscribers with voice, data and "
     "mobile financial services. Our network reaches 94 percent of Kenya's population, and our engineers are "
     "busy extending 4G coverage to the counties that still rely on 2G."),
    ("coralbank", "Coral Bank", "Banking", "1000+", "Mombasa", "Kenya", True,
     ["finance", "technology", "legal", "business", "marketing"],
     ["SME Lending", "Credit Scoring", "Treasury Operations", "Risk and Compliance", "Customer Onboarding"],
     "Coral Bank is a regional commercial bank founded on the Kenyan coast in 1987, with 62 branches in Kenya, "
     "Tanzania and Uganda. We finance traders, hoteliers, fishing cooperatives and growing family businesses, "
     "and we are investing heavily in digital banking for customers who never visit a branch."),
    ("jamii", "Jamii Mutual Insurance", "Insurance", "501-1000", "Nairobi", "Kenya", True,
     ["finance", "business", "technology", "legal", "marketing"],
     ["Insurance Claims", "Risk and Compliance", "Customer Retention", "Financial Reporting"],
     "Jamii Mutual Insurance offers affordable health, crop and motor cover to families and small businesses. "
     "Policyholders pay premiums in small instalments by mobile money, and claims are settled within five "
     "working days on average."),
    ("rizikimf", "Riziki Microfinance Bank", "Microfinance", "201-500", "Kisumu", "Kenya", True,
     ["finance", "business", "research", "other"],
     ["Microfinance Operations", "Savings Groups", "SME Lending", "Customer Insights"],
     "Riziki Microfinance Bank serves women-led businesses and savings groups around Lake Victoria. Our loan "
     "officers travel by motorbike to chamas in Kisumu, Homa Bay, Siaya and Migori, and our group lending model "
     "has kept repayment above 96 percent for a decade."),
    ("neema", "Neema Hospital Group", "Hospital", "1000+", "Nairobi", "Kenya", True,
     ["healthcare", "technology", "finance", "business", "research"],
     ["Outpatient Services", "Health Records", "Maternal Health", "Laboratory Services", "Telemedicine"],
     "Neema Hospital Group runs three hospitals and fourteen outpatient clinics in Nairobi, Machakos and Nyeri, "
     "with 620 beds, a teaching partnership with two medical schools and one of the busiest maternity units in "
     "the region."),
    ("afyadx", "Afya Diagnostics", "Healthtech", "51-200", "Kisumu", "Kenya", True,
     ["healthcare", "technology", "research", "marketing"],
     ["Laboratory Services", "Telemedicine", "Public Health Research", "Health Records"],
     "Afya Diagnostics operates a network of affordable laboratories and sample-collection points in Western "
     "Kenya. Riders collect samples from rural clinics each morning, and results reach patients by SMS the same "
     "day."),
    ("tumaini", "Tumaini Community Health Trust", "Non-profit", "51-200", "Kakamega", "Kenya", True,
     ["healthcare", "research", "other", "education"],
     ["Community Health", "Maternal Health", "Nutrition Programmes", "Immunisation Programmes"],
     "Tumaini Community Health Trust trains and equips community health promoters in Kakamega, Vihiga and "
     "Bungoma counties. Our promoters visit 60,000 households each month to follow up on pregnancies, child "
     "growth, immunisation and chronic illness."),
    ("ujuzi", "Ujuzi Academy", "Edtech", "11-50", "Nairobi", "Kenya", True,
     ["education", "technology", "design", "marketing"],
     ["Digital Learning", "Coding Bootcamps", "Girls in Tech", "Curriculum Development"],
     "Ujuzi Academy runs part-time coding and digital skills programmes for young people who could not afford "
     "university fees. Since 2017 more than 4,000 graduates have found work as developers, designers and data "
     "analysts."),
    ("elimu", "Elimu Bora Learning", "Edtech", "51-200", "Kisumu", "Kenya", True,
     ["education", "research", "technology", "design"],
     ["Early Grade Reading", "Learner Assessment", "Teacher Training", "Digital Learning"],
     "Elimu Bora Learning makes reading and numeracy lessons for primary schools that work offline on low-cost "
     "tablets. Our content follows the competency-based curriculum and is used by 1,200 schools in Kenya and "
     "Tanzania."),
    ("imara", "Imara Engineering Consultants", "Engineering consultancy", "201-500", "Nairobi", "Kenya", True,
     ["engineering", "design", "business", "research"],
     ["Road Infrastructure", "Structural Design", "Water Treatment", "Affordable Housing", "Geospatial Mapping"],
     "Imara Engineering Consultants designs and supervises roads, bridges, water works and public buildings "
     "across East Africa. Our engineers have worked on more than 300 projects, from county feeder roads to "
     "hospital extensions."),
    ("mvua", "Mvua Water Works", "Water utility", "501-1000", "Machakos", "Kenya", True,
     ["engineering", "business", "healthcare", "other"],
     ["Water Access", "Water Treatment", "Sanitation Programmes", "Customer Success"],
     "Mvua Water Works supplies clean water to 400,000 residents of Machakos and Makueni. We operate two "
     "treatment plants, 1,100 kilometres of pipeline and a prepaid water kiosk network that keeps prices fair "
     "in informal settlements."),
    ("juaenergy", "Jua Energy", "Renewable energy", "201-500", "Nairobi", "Kenya", True,
     ["engineering", "technology", "business", "finance", "marketing"],
     ["Solar Mini-Grids", "Pay-As-You-Go Solar", "Energy Access", "Clean Cooking"],
     "Jua Energy sells pay-as-you-go solar home systems and builds mini-grids for villages beyond the national "
     "grid. Around 350,000 households light their homes and charge their phones with our systems, paying a few "
     "shillings a day by mobile money."),
    ("twigamfg", "Twiga Manufacturing", "Manufacturing", "501-1000", "Thika", "Kenya", True,
     ["engineering", "business", "finance", "design"],
     ["Manufacturing Quality", "Plant Maintenance", "Process Automation", "Packaging Design", "Procurement"],
     "Twiga Manufacturing produces packaged foods, juices and household goods in Thika. Our products are sold in "
     "supermarkets and dukas across six countries, and we are modernising our lines to cut energy use and waste."),
    ("pwanifoods", "Pwani Foods", "Food processing", "201-500", "Mombasa", "Kenya", True,
     ["engineering", "business", "marketing", "research"],
     ["Cold Chain", "Manufacturing Quality", "Trade Marketing", "Market Entry"],
     "Pwani Foods processes cashew nuts, coconut products and mangoes sourced from 12,000 farmers along the "
     "coast. We export to the Middle East and Europe and sell our own brand in Kenyan supermarkets."),
    ("bahari", "Bahari Freight", "Logistics", "201-500", "Mombasa", "Kenya", True,
     ["business", "technology", "engineering", "finance"],
     ["Port Logistics", "Cross-Border Trade", "Fleet Operations", "Warehouse Efficiency", "Supply Chain Visibility"],
     "Bahari Freight moves containers from the port of Mombasa to Nairobi, Kampala, Kigali and Juba by road and "
     "rail. We run a fleet of 240 trucks and bonded warehouses in Mombasa and Nairobi."),
    ("tembo", "Tembo Logistics", "Logistics", "51-200", "Nairobi", "Kenya", True,
     ["business", "technology", "marketing"],
     ["Last-Mile Delivery", "Fleet Operations", "E-commerce Growth", "Marketplace Operations"],
     "Tembo Logistics delivers parcels for online shops, pharmacies and restaurants in Nairobi, Mombasa and "
     "Kisumu with a network of 900 riders. Most deliveries arrive within three hours of the order."),
    ("sautimedia", "Sauti Media Group", "Media house", "501-1000", "Nairobi", "Kenya", True,
     ["media", "marketing", "technology", "design", "legal"],
     ["Newsroom Digital Desk", "Radio Production", "Investigative Reporting", "Audience Growth", "Video Storytelling"],
     "Sauti Media Group publishes a national daily newspaper and runs two radio stations and a television channel "
     "broadcasting in English and Kiswahili. Our digital platforms reach six million readers a month."),
    ("safarimedia", "Safari Media Studios", "Film and video production", "11-50", "Nairobi", "Kenya", True,
     ["media", "design", "marketing"],
     ["Documentary Production", "Video Storytelling", "Motion Graphics", "Brand Campaigns"],
     "Safari Media Studios produces documentaries, adverts and branded content for NGOs and companies across "
     "Africa. Our films have been screened at festivals in Durban, Zanzibar and Berlin."),
    ("pamojafm", "Pamoja FM", "Community radio", "11-50", "Eldoret", "Kenya", True,
     ["media", "other", "marketing"],
     ["Radio Production", "Community Programmes", "Youth Sports Programmes", "Podcast Studio"],
     "Pamoja FM is a community radio station broadcasting in Kiswahili and Kalenjin to listeners across Uasin "
     "Gishu and Elgeyo Marakwet. Our shows cover farming, health, athletics and local politics."),
    ("hekima", "Hekima & Ngao Advocates", "Law firm", "51-200", "Nairobi", "Kenya", True,
     ["legal", "business", "research"],
     ["Commercial Law", "Dispute Resolution", "Data Protection Compliance", "Corporate Governance"],
     "Hekima & Ngao Advocates is a full-service law firm advising banks, technology companies, manufacturers "
     "and development agencies. Our 40 advocates practise in commercial, dispute resolution, employment and "
     "technology law."),
    ("bomalegal", "Boma Legal Aid Centre", "Non-profit legal aid", "11-50", "Nakuru", "Kenya", True,
     ["legal", "other", "research"],
     ["Legal Aid Clinic", "Land and Conveyancing", "Employment Law", "Community Programmes"],
     "Boma Legal Aid Centre offers free legal advice and representation to people who cannot afford a lawyer, "
     "with a focus on land disputes, succession, employment and gender-based violence cases."),
    ("tausi", "Tausi Design Studio", "Design studio", "11-50", "Nairobi", "Kenya", True,
     ["design", "marketing", "technology"],
     ["Brand Identity", "Design Systems", "Illustration Studio", "Website Refresh", "Packaging Design"],
     "Tausi Design Studio creates brand identities, websites and product interfaces for African startups and "
     "cultural institutions. Our small team of designers and illustrators is known for bold colour and careful "
     "typography."),
    ("ubunifu", "Ubunifu Hub", "Innovation hub", "11-50", "Kisumu", "Kenya", True,
     ["design", "technology", "business", "education"],
     ["Service Design", "User Research", "Coding Bootcamps", "Partnerships"],
     "Ubunifu Hub is a coworking space and startup incubator on the shores of Lake Victoria. We support 60 "
     "early-stage companies with mentoring, workspace and introductions to investors."),
    ("savanna", "Savanna Research Institute", "Research institute", "51-200", "Nairobi", "Kenya", True,
     ["research", "healthcare", "other", "technology"],
     ["Policy Research", "Impact Evaluation", "Household Surveys", "Climate Data", "Social Protection"],
     "Savanna Research Institute is an independent think tank producing evidence on social protection, "
     "agriculture, health financing and climate adaptation in East Africa. Our researchers advise county and "
     "national governments."),
    ("kilimo", "Kilimo Research Centre", "Agricultural research", "201-500", "Eldoret", "Kenya", True,
     ["research", "engineering", "other"],
     ["Agricultural Research", "Post-Harvest Losses", "Climate Resilience", "Irrigation Projects"],
     "Kilimo Research Centre breeds drought-tolerant crop varieties and tests farming practices on 400 hectares "
     "of trial plots in Uasin Gishu and Trans Nzoia. Our work is funded by regional and international partners."),
    ("msitu", "Msitu Conservation Trust", "Conservation NGO", "11-50", "Nyeri", "Kenya", True,
     ["other", "research", "media"],
     ["Reforestation", "Wildlife Protection", "Environmental Conservation", "Volunteer Engagement"],
     "Msitu Conservation Trust protects forests on the slopes of Mount Kenya and the Aberdares by working with "
     "community forest associations, schools and tree nurseries. We have planted 2.3 million indigenous trees "
     "since 2012."),
    ("karibu", "Karibu Coast Hotels", "Hospitality", "501-1000", "Malindi", "Kenya", True,
     ["business", "marketing", "other", "finance"],
     ["Hospitality Operations", "Tourism Marketing", "Customer Success", "Events and Activations"],
     "Karibu Coast Hotels operates four beach resorts in Malindi, Watamu and Diani. We employ more than 700 "
     "people from the coastal communities and are known for our training programme for young hospitality staff."),
    ("nuru", "Nuru Pharmaceuticals", "Pharmaceuticals", "201-500", "Nairobi", "Kenya", True,
     ["healthcare", "engineering", "research", "business", "legal"],
     ["Pharmacy Operations", "Manufacturing Quality", "Regulatory Affairs", "Laboratory Services"],
     "Nuru Pharmaceuticals manufactures generic medicines, including antibiotics and antimalarials, in a "
     "WHO-prequalified plant on Mombasa Road. Our products are supplied to public hospitals in nine countries."),
    ("kazi", "Kazi Technologies", "Software company", "51-200", "Nairobi", "Kenya", True,
     ["technology", "design", "business", "marketing"],
     ["Platform Engineering", "Web Platform", "Cloud Infrastructure", "Internal Tools", "Quality Assurance"],
     "Kazi Technologies builds payroll, HR and time-tracking software for employers in Africa. More than 3,000 "
     "companies pay their staff through our platform, from flower farms in Naivasha to hotels in Zanzibar."),
    ("chui", "Chui Cyber Security", "Cybersecurity", "11-50", "Nairobi", "Kenya", True,
     ["technology", "legal", "business"],
     ["Cybersecurity Operations", "Fraud Detection", "Data Protection Compliance", "Risk and Compliance"],
     "Chui Cyber Security protects banks, saccos and hospitals from fraud and cyber attacks. Our security "
     "operations centre monitors client systems around the clock and responds to incidents within minutes."),
    ("mawingu", "Mawingu Cloud", "Cloud infrastructure", "51-200", "Nairobi", "Kenya", True,
     ["technology", "engineering", "business"],
     ["Cloud Infrastructure", "Data Platform", "Developer Experience", "Platform Engineering"],
     "Mawingu Cloud runs data centres in Nairobi and Mombasa that keep African data close to its users. We "
     "offer hosting, storage and managed databases to banks, media houses and government agencies."),
    ("kaunti", "County Innovation and Digital Services Agency", "Government agency", "201-500", "Nakuru", "Kenya", True,
     ["technology", "other", "business", "research", "legal"],
     ["County Services", "Open Data Portal", "Smart Cities", "Youth Employment"],
     "The County Innovation and Digital Services Agency digitises county services such as business permits, "
     "land rates and health facility records, and runs youth digital skills centres in every sub-county."),
    ("kepa", "Kenya Export Promotion Board", "Government agency", "201-500", "Nairobi", "Kenya", True,
     ["business", "research", "marketing", "legal"],
     ["Market Entry", "Cross-Border Trade", "Economic Analysis", "Partnerships"],
     "The Kenya Export Promotion Board helps Kenyan producers reach new markets through trade missions, market "
     "intelligence and export readiness training. This board is a fictional agency created for demonstration."),
    ("akiba", "Akiba Audit & Advisory", "Audit and advisory", "201-500", "Nairobi", "Kenya", True,
     ["finance", "business", "legal", "technology"],
     ["Audit Support", "Tax Compliance", "Financial Reporting", "Risk and Compliance"],
     "Akiba Audit & Advisory provides audit, tax and advisory services to listed companies, NGOs and family "
     "businesses. Our trainee programme has prepared hundreds of accountants for the CPA and ACCA exams."),
    ("lakedigital", "Lakeside Digital", "Digital agency", "11-50", "Kisumu", "Kenya", True,
     ["marketing", "design", "media", "technology"],
     ["Social Media Growth", "Content Studio", "Influencer Partnerships", "Website Refresh"],
     "Lakeside Digital is a digital marketing agency working with banks, universities and consumer brands in "
     "Western Kenya. We plan campaigns, produce content and manage social media communities."),
    ("sahel", "Sahel Mobility", "Electric mobility", "11-50", "Kampala", "Uganda", True,
     ["engineering", "technology", "business"],
     ["Electric Mobility", "Fleet Operations", "Energy Access", "Platform Engineering"],
     "Sahel Mobility assembles electric motorcycles and runs battery-swap stations for boda boda riders in "
     "Kampala and Nairobi, cutting their fuel costs by almost half."),
    ("kesho", "Kesho Ventures", "Venture capital", "11-50", "Kigali", "Rwanda", True,
     ["finance", "business", "research"],
     ["Investment Research", "Market Entry", "Strategy and Planning", "Economic Analysis"],
     "Kesho Ventures invests in early-stage technology companies in East and Central Africa, with a focus on "
     "fintech, logistics, health and climate. Our portfolio includes 34 companies in seven countries."),
    ("baobab", "Baobab Public Health Institute", "Research institute", "201-500", "Dar es Salaam", "Tanzania", True,
     ["research", "healthcare", "technology"],
     ["Public Health Research", "Impact Evaluation", "Immunisation Programmes", "Household Surveys"],
     "Baobab Public Health Institute runs clinical and population studies on malaria, maternal health and "
     "non-communicable diseases across Tanzania and Kenya, in partnership with ministries of health."),
    ("equator", "Equator Learning Collective", "Education non-profit", "51-200", "Addis Ababa", "Ethiopia", True,
     ["education", "research", "other"],
     ["Teacher Training", "Scholarship Programmes", "Early Grade Reading", "Youth Employment"],
     "Equator Learning Collective trains teachers and runs scholarship programmes for first-generation "
     "university students in Ethiopia, Kenya and Rwanda."),
    ("lagosloop", "Loop Commerce Lagos", "E-commerce", "201-500", "Lagos", "Nigeria", True,
     ["technology", "business", "marketing", "design"],
     ["E-commerce Growth", "Marketplace Operations", "Retail Analytics", "Customer Insights"],
     "Loop Commerce is an online marketplace connecting small retailers in Lagos, Accra and Nairobi with "
     "wholesalers, with next-day delivery and credit for stock."),
    ("accraenergy", "Volta Grid Analytics", "Energy analytics", "11-50", "Accra", "Ghana", True,
     ["technology", "engineering", "research"],
     ["Energy Access", "Climate Data", "Data Platform", "Renewable Energy Projects"],
     "Volta Grid Analytics builds software that helps utilities and mini-grid developers forecast demand, "
     "detect losses and plan new connections across West and East Africa."),
    ("meridian", "Meridian Data Partners", "Data consultancy", "51-200", "London", "United Kingdom", True,
     ["technology", "research", "business"],
     ["Analytics Engineering", "Impact Evaluation", "Machine Learning", "Data Platform"],
     "Meridian Data Partners is a data consultancy that helps foundations and development agencies measure "
     "impact. Our remote team works with partners in more than 20 countries, with a large hub in Nairobi."),
    ("acacia", "Acacia Climate Finance", "Climate finance", "11-50", "Amsterdam", "Netherlands", True,
     ["finance", "research", "business"],
     ["Carbon Accounting", "Climate Resilience", "Investment Research", "Impact Evaluation"],
     "Acacia Climate Finance structures loans and carbon credit projects for clean energy and reforestation "
     "companies in Africa, working closely with partners in Nairobi and Kigali."),
    ("berlinux", "Kijani UX Research", "User research studio", "11-50", "Berlin", "Germany", True,
     ["design", "research"],
     ["User Research", "Accessibility Audits", "Service Design", "Mobile App Redesign"],
     "Kijani UX Research runs usability studies and design research for mobile apps used in emerging markets. "
     "Our researchers combine remote interviews with field visits in Kenya, Nigeria and India."),
    ("desertsky", "Desert Sky Logistics", "Logistics", "1000+", "Dubai", "United Arab Emirates", True,
     ["business", "finance", "technology"],
     ["Cross-Border Trade", "Supply Chain Visibility", "Port Logistics", "Procurement"],
     "Desert Sky Logistics runs freight forwarding and warehousing between the Gulf, East Africa and South Asia, "
     "with offices in Dubai, Mombasa, Dar es Salaam and Mumbai."),
    ("nyotalabs", "Nyota Labs", "AI research lab", "11-50", "Bangalore", "India", True,
     ["technology", "research"],
     ["Machine Learning", "Crop Yield Forecasting", "Climate Data", "Analytics Engineering"],
     "Nyota Labs builds speech and language technology for under-served languages, including Kiswahili, Dholuo "
     "and Hindi dialects, and open-sources datasets for researchers."),
    ("northstar", "Northstar Civic Tech", "Civic technology non-profit", "11-50", "Toronto", "Canada", True,
     ["technology", "design", "research", "other"],
     ["Open Data Portal", "Service Design", "Policy Research", "County Services"],
     "Northstar Civic Tech helps governments and civil society publish open data and design public services "
     "that are simple to use, with remote collaborators across Africa and the Americas."),
    # Unverified: new on the platform, their listings wait for verification.
    ("mkulima", "Mkulima Markets", "Agritech", "1-10", "Meru", "Kenya", False,
     ["business", "technology", "marketing"],
     ["Marketplace Operations", "Farmer Training", "E-commerce Growth"],
     "Mkulima Markets is a young startup that connects vegetable farmers around Meru with hotels and "
     "supermarkets in Nairobi through a WhatsApp ordering service."),
    ("kaskazi", "Kaskazi Traders", "Wholesale trade", "11-50", "Garissa", "Kenya", False,
     ["business", "finance"],
     ["Procurement", "Cross-Border Trade", "Budget Analysis"],
     "Kaskazi Traders is a family wholesale business supplying foodstuffs and household goods to retailers in "
     "north-eastern Kenya."),
    ("highland", "Highland Creative Collective", "Design studio", "1-10", "Nyeri", "Kenya", False,
     ["design", "media"],
     ["Brand Identity", "Video Storytelling", "Illustration Studio"],
     "Highland Creative Collective is a small group of designers and filmmakers making brand identities and "
     "short films for tourism businesses around Mount Kenya."),
    ("rift", "Rift Dynamics Engineering", "Engineering firm", "11-50", "Naivasha", "Kenya", False,
     ["engineering", "business"],
     ["Renewable Energy Projects", "Plant Maintenance", "Building Services"],
     "Rift Dynamics Engineering installs and maintains geothermal, solar and greenhouse equipment for flower "
     "farms and energy companies around Naivasha."),
]

ORG_EXTRA_SENTENCES = [
    "We were founded in {year} and now employ around {people} people.",
    "Our internship programme has run every year since {year2}, and many of our team leads started as interns.",
    "We measure ourselves by the difference our work makes for customers, not by the hours spent in the office.",
    "Interns get a named mentor, a laptop and a clear plan for their placement from the first day.",
    "Our headquarters are in {city}, with teams working in several countries.",
    "We are an equal opportunity employer and welcome applicants with disabilities.",
    "We publish our impact figures every year and invite partners to check them.",
    "Our culture values honesty, curiosity and getting things done together.",
]

FIRST_NAMES_F = ["Wanjiku", "Achieng", "Njeri", "Atieno", "Chebet", "Wambui", "Akinyi", "Nyambura", "Mumbi",
                 "Cherono", "Wairimu", "Adhiambo", "Muthoni", "Nafula", "Nekesa", "Kemunto", "Moraa", "Zawadi",
                 "Faith", "Mercy", "Grace", "Joy", "Brenda", "Sharon", "Cynthia", "Esther", "Lydia", "Purity",
                 "Tabitha", "Winnie", "Halima", "Fatuma", "Amina", "Saida", "Aisha", "Neema", "Imani", "Makena",
                 "Kendi", "Nkatha", "Jepkoech", "Jelagat", "Naliaka", "Awino", "Auma", "Nasimiyu", "Wangari",
                 "Precious", "Ivy", "Diana", "Abena", "Chiamaka", "Thandiwe", "Priya", "Aline", "Hanna"]
FIRST_NAMES_M = ["Kamau", "Otieno", "Kiprono", "Mwangi", "Ochieng", "Kipchoge", "Mutua", "Wekesa", "Barasa",
                 "Onyango", "Njoroge", "Kibet", "Omondi", "Kariuki", "Mugo", "Musyoka", "Kiplagat", "Odhiambo",
                 "Wafula", "Nyamweya", "Juma", "Hassan", "Abdi", "Ibrahim", "Brian", "Kevin", "Dennis", "Collins",
                 "Victor", "Felix", "Ian", "Samuel", "Peter", "Daniel", "Eric", "Moses", "Emmanuel", "Baraka",
                 "Tumaini", "Jabari", "Mosi", "Kofi", "Chukwuemeka", "Tendai", "Arjun", "Jean-Paul", "Yonas"]
LAST_NAMES = ["Wanjiru", "Kamau", "Otieno", "Kiprotich", "Mwangi", "Ochieng", "Chepkoech", "Njoroge", "Mutua",
              "Wekesa", "Barasa", "Onyango", "Kariuki", "Omondi", "Kibet", "Musyoka", "Odhiambo", "Wafula",
              "Nyamweya", "Achieng", "Nduta", "Gitau", "Kimani", "Maina", "Muriuki", "Korir", "Rotich", "Langat",
              "Cheruiyot", "Ouma", "Okoth", "Owino", "Simiyu", "Makokha", "Mohamed", "Hussein", "Abdullahi",
              "Said", "Mwakio", "Mwadime", "Kahindi", "Karisa", "Nyaga", "Njue", "Mbugua", "Kinyua", "Ndirangu",
              "Gathoni", "Mensah", "Okafor", "Dlamini", "Uwimana", "Tesfaye", "Nair", "Mukasa", "Nakato"]

# Screening questions by category: prompt, kind, choices, required, answer bank.
QUESTIONS = {
    "technology": [
        ("Share a link to a repository or project you built yourself.", "text", [], True,
         ["https://github.example/{handle}/shamba-prices", "https://github.example/{handle}/chama-ledger",
          "https://github.example/{handle}/matatu-routes-api"]),
        ("Which programming language are you most comfortable with?", "choice",
         ["Python", "JavaScript / TypeScript", "Java / Kotlin", "Other"], True, None),
        ("Describe a bug you found and fixed. How did you find the cause?", "long_text", [], False,
         ["In my final-year project the M-Pesa callback sometimes saved a payment twice. I logged every request, "
          "noticed that retries carried the same transaction code, and added a unique constraint with an idempotent "
          "insert. The duplicates stopped and I wrote a test that sends the same callback twice.",
          "Our class attendance app showed the wrong totals at the end of each month. I compared the raw rows with "
          "the report and found a time-zone mistake that moved late evening sessions to the next day. Storing "
          "times in UTC and converting only for display fixed it."]),
        ("Can you work from our office at least three days a week?", "yes_no", [], False, None),
    ],
    "finance": [
        ("Which professional exams have you passed so far (CPA, ACCA, CFA)?", "text", [], False,
         ["CPA Section 1 and 2", "ACCA Applied Knowledge papers", "None yet, I sit CPA Section 1 in November",
          "CFA Level I candidate"]),
        ("How comfortable are you with Excel?", "choice", ["Basic", "Intermediate", "Advanced"], True, None),
        ("Explain to a shop owner why profit is not the same as cash in the bank.", "long_text", [], True,
         ["Profit counts a sale when you make it, even if the customer pays next month, and it spreads the cost of "
          "your fridge over several years. Cash is only what has actually come in and gone out. You can be "
          "profitable and still short of cash if customers buy on credit and you restock with cash.",
          "If you sell on credit, the sale counts as profit today but the money arrives later. Meanwhile you pay "
          "suppliers, rent and loans in cash. That gap is why a busy shop can run out of cash."]),
    ],
    "marketing": [
        ("Share a link to content you created (post, video, article).", "text", [], True,
         ["https://instagram.example/{handle}", "https://{handle}.example/blog", "https://tiktok.example/@{handle}"]),
        ("Which platform do you know best?", "choice", ["Instagram", "TikTok", "X", "LinkedIn", "Facebook"], True, None),
        ("Are you fluent in Kiswahili?", "yes_no", [], True, None),
    ],
    "healthcare": [
        ("Do you have a letter from your institution confirming your attachment period?", "yes_no", [], True, None),
        ("Which department would you prefer to rotate through first?", "choice",
         ["Outpatient", "Maternity", "Pharmacy", "Health records", "Community outreach"], False, None),
        ("Tell us about a time you handled confidential information.", "long_text", [], False,
         ["During my attachment at a sub-county hospital I filed patient cards. A relative asked me about a "
          "neighbour's diagnosis; I politely declined and referred her to the nurse in charge, who explained the "
          "rules on consent.",
          "As a class representative I kept the list of students on medical leave. I stored it in a locked "
          "drawer and shared it only with the dean's office."]),
    ],
    "education": [
        ("Which age group do you most enjoy teaching?", "choice",
         ["Early years", "Primary", "Secondary", "Adults"], True, None),
        ("Do you have a certificate of good conduct?", "yes_no", [], True, None),
        ("Describe a lesson you taught that went well and why.", "long_text", [], False,
         ["I taught fractions to Grade 5 pupils using chapati cut into pieces. Every pupil could see that two "
          "quarters make a half, and the class asked to do it again the next day.",
          "During teaching practice I ran a debate on plastic waste. Quiet learners took part because each group "
          "prepared together first, and the head teacher asked me to repeat it for another stream."]),
    ],
    "engineering": [
        ("Which design software have you used?", "choice", ["AutoCAD", "Revit", "SolidWorks", "Civil 3D", "None"], True, None),
        ("Do you hold a valid driving licence?", "yes_no", [], False, None),
        ("Describe an engineering project you worked on and your role in it.", "long_text", [], True,
         ["For my fourth-year project I designed a rainwater harvesting system for a primary school in Machakos, "
          "sizing gutters and a 50 cubic metre tank from rainfall records. I produced the drawings and the bill "
          "of quantities.",
          "On attachment with a contractor I assisted with setting out and levelling for a 2 km murram road, "
          "kept the site diary and checked compaction test results."]),
    ],
    "design": [
        ("Link to your portfolio.", "text", [], True,
         ["https://{handle}.example/portfolio", "https://behance.example/{handle}", "https://dribbble.example/{handle}"]),
        ("Which tool do you use most?", "choice", ["Figma", "Adobe Illustrator", "Adobe Photoshop", "Canva", "Other"], True, None),
    ],
    "research": [
        ("Which statistical software have you used?", "choice", ["R", "Stata", "SPSS", "Python", "Excel only"], True, None),
        ("Are you available for fieldwork of up to two weeks away from home?", "yes_no", [], True, None),
        ("Briefly describe a research project you contributed to.", "long_text", [], False,
         ["I assisted a lecturer with a survey of 300 dairy farmers on milk prices, collecting data in KoboToolbox "
          "and cleaning it in R before analysis.",
          "For my dissertation I interviewed 24 market traders in Kisumu about mobile money savings and coded "
          "the transcripts thematically."]),
    ],
    "business": [
        ("Tell us about something you organised from start to finish.", "long_text", [], True,
         ["I organised our department's career fair: I booked the hall, invited 14 employers, ran registration "
          "for 600 students and collected feedback afterwards.",
          "I ran a small second-hand textbook business on campus, tracking stock in a spreadsheet and delivering "
          "orders between lectures."]),
        ("Can you start within the next month?", "yes_no", [], True, None),
    ],
    "legal": [
        ("Are you enrolled at the Kenya School of Law?", "yes_no", [], True, None),
        ("Which area of law interests you most?", "choice",
         ["Commercial", "Litigation", "Employment", "Technology and data", "Human rights"], True, None),
        ("Summarise a recent court decision you found interesting.", "long_text", [], False,
         ["I followed a High Court decision on the use of personal data in digital identity registration, which "
          "required a data protection impact assessment before roll-out. It shows how the Data Protection Act "
          "works in practice.",
          "A recent Employment and Labour Relations Court decision on unfair termination stressed that employers "
          "must give reasons and a hearing before dismissal."]),
    ],
    "media": [
        ("Share links to two samples of your work.", "text", [], True,
         ["https://{handle}.example/stories", "https://youtube.example/@{handle}", "https://soundcloud.example/{handle}"]),
        ("Are you available for evening and weekend shifts?", "yes_no", [], True, None),
    ],
    "other": [
        ("Why does this programme interest you?", "long_text", [], True,
         ["I grew up in a village where the river dried up every January. Working on community projects is how "
          "I want to give back and learn how programmes are really run.",
          "I have volunteered with a youth group for three years and want to learn how to plan and report on "
          "projects professionally."]),
        ("Are you willing to travel within the county?", "yes_no", [], False, None),
    ],
}

EMPLOYER_NOTES = [
    "Strong portfolio; ask about the USSD project in the interview.",
    "Good cover letter, specific about our product.",
    "Course is a good fit; limited practical experience.",
    "Referred by a former intern.",
    "Answers to the screening questions were thoughtful.",
    "Follow up on availability dates before shortlisting.",
    "Very clear writing sample.",
    "Excel test score 17/20.",
    "Interviewed well; confident with data questions.",
    "Lives close to the office, can start immediately.",
    "Missing transcript; asked to send it.",
    "Second interview with the team lead recommended.",
]

REJECTION_NOTES = {
    "not_qualified": ["Needs more experience with SQL.", "Portfolio does not yet show the required skills.",
                      "Excel exercise score below our threshold."],
    "position_filled": ["All positions filled for this intake.", "We hired earlier applicants; encouraged to reapply."],
    "not_eligible": ["Attachment dates do not match our intake.", "Year of study outside the range for this role."],
    "other": ["Could not reach the candidate to schedule an interview.", "Candidate is based too far from the site."],
}

INTERVIEW_PLACES = {
    "remote": ["Video call (link sent by email)", "Google Meet", "Zoom", "Phone interview"],
    "on_site": ["{org}, {city} office, reception on the ground floor", "{org} head office, {city}",
                "Site office, {city}"],
    "hybrid": ["{org}, {city} office", "Video call (link sent by email)"],
}

SAVED_SEARCHES = [
    ("Remote data internships", "data remote:yes"),
    ("Paid tech in Nairobi", "category:technology location:nairobi stipend>=20000"),
    ("Closing soon", "deadline<7d"),
    ("Design roles", "category:design"),
    ("Finance, paid", "category:finance stipend>=15000"),
    ("Healthcare attachments", "category:healthcare"),
    ("Engineering on site", "category:engineering type:on_site"),
    ("Media and journalism", "category:media"),
    ("Research, remote", "category:research remote:yes"),
    ("Entry-level business", "category:business level:entry"),
    ("Legal internships", "category:legal"),
    ("Python skills", "skill:python"),
    ("Mombasa jobs", "location:mombasa"),
    ("Kisumu placements", "location:kisumu"),
    ("No sales please", "category:business -sales"),
    ("Paid, closing this month", "stipend>=10000 deadline<30d"),
]
